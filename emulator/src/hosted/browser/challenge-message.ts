// The message the 3-D Secure challenge page posts to the page that opened it in a modal.
export const CHALLENGE_MESSAGE = 'stripe-emulator:3ds-complete';

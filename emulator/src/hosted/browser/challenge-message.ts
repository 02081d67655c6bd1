// The messages the 3-D Secure challenge page posts to the page that opened it in a modal: its
// outcome, and the height of its content (the modal fits its frame to it).
export const CHALLENGE_MESSAGE = 'stripe-emulator:3ds-complete';
export const CHALLENGE_SIZE_MESSAGE = 'stripe-emulator:3ds-size';

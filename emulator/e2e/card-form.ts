// Filling the emulator's card inputs the way a customer does, by their labels.
import type { Locator, Page } from '@playwright/test';

export interface CardEntry {
  number: string;
  expiry?: string;
  cvc?: string;
  postalCode?: string;
}

export async function fillCard(scope: Page | Locator, { number, expiry = '12 / 34', cvc = '123', postalCode = '94107' }: CardEntry): Promise<void> {
  await scope.getByLabel('Card number').fill(number);
  await scope.getByLabel('Expiration date').fill(expiry);
  await scope.getByLabel('Security code').fill(cvc);
  await scope.getByLabel('ZIP code').fill(postalCode);
}

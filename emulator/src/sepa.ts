// SEPA Direct Debit: IBAN checks and Stripe's documented test IBANs (docs.stripe.com/payments/sepa-debit/accept-a-payment,
// "Test your integration"), each with what happens to a PaymentIntent confirmed with it.

/** What a debit from a test IBAN does once it has gone to `processing`. */
export type SepaOutcome =
  | { kind: 'succeed'; delayed: boolean; dispute?: boolean }
  | { kind: 'fail'; delayed: boolean; code: SepaFailureCode };

export type SepaFailureCode = 'generic_could_not_process' | 'charge_exceeds_source_limit' | 'charge_exceeds_weekly_limit' | 'insufficient_funds';

/** "after at least three minutes" in Stripe's table. */
export const SEPA_DELAY_SECONDS = 3 * 60;

type Row = 'success' | 'successDelayed' | 'failed' | 'failedDelayed' | 'disputed' | 'exceedsWeeklyVolumeLimit' | 'exceedsWeeklyTransactionLimit' | 'insufficientFunds';
const ROWS: Row[] = ['success', 'successDelayed', 'failed', 'failedDelayed', 'disputed', 'exceedsWeeklyVolumeLimit', 'exceedsWeeklyTransactionLimit', 'insufficientFunds'];

/**
 * Stripe's test IBANs per country, in the order of the docs' rows (see ROWS). Where the docs list
 * the same IBAN twice (NL's successDelayed and insufficientFunds, NO's two weekly limits) the first
 * row wins.
 */
const TEST_IBANS: Record<string, string[]> = {
  AT: ['AT611904300234573201', 'AT321904300235473204', 'AT861904300235473202', 'AT051904300235473205', 'AT591904300235473203', 'AT981904300000343434', 'AT601904300000121212', 'AT981904300002222227'],
  BE: ['BE62510007547061', 'BE78510007547064', 'BE68539007547034', 'BE51510007547065', 'BE08510007547063', 'BE90510000343434', 'BE52510000121212', 'BE90510002222227'],
  HR: ['HR7624020064583467589', 'HR6323600002337876649', 'HR2725000096983499248', 'HR6723600004878117427', 'HR8724840081455523553', 'HR7424020060000343434', 'HR3624020060000121212', 'HR7424020060002222227'],
  EE: ['EE382200221020145685', 'EE222200221020145682', 'EE762200221020145680', 'EE922200221020145683', 'EE492200221020145681', 'EE672200000000343434', 'EE292200000000121212', 'EE672200000002222227'],
  FI: ['FI2112345600000785', 'FI3712345600000788', 'FI9112345600000786', 'FI1012345600000789', 'FI6412345600000787', 'FI6712345600343434', 'FI2912345600121212', 'FI6712345602222227'],
  FR: ['FR1420041010050500013M02606', 'FR3020041010050500013M02609', 'FR8420041010050500013M02607', 'FR7920041010050500013M02600', 'FR5720041010050500013M02608', 'FR9720041010050000000343434', 'FR5920041010050000000121212', 'FR9720041010050000002222227'],
  DE: ['DE89370400440532013000', 'DE08370400440532013003', 'DE62370400440532013001', 'DE78370400440532013004', 'DE35370400440532013002', 'DE65370400440000343434', 'DE27370400440000121212', 'DE65370400440002222227'],
  GI: ['GI60MPFS599327643783385', 'GI08RRNW626436291644533', 'GI41SAFA461293238477751', 'GI50LROG772261344693297', 'GI26KJBC361883934534696', 'GI14NWBK000000000343434', 'GI73NWBK000000000121212', 'GI14NWBK000000002222227'],
  IE: ['IE29AIBK93115212345678', 'IE24AIBK93115212345671', 'IE02AIBK93115212345679', 'IE94AIBK93115212345672', 'IE51AIBK93115212345670', 'IE10AIBK93115200343434', 'IE69AIBK93115200121212', 'IE10AIBK93115202222227'],
  LI: ['LI0508800636123378777', 'LI4408800387787111369', 'LI1208800143823175626', 'LI4908800356441975566', 'LI7708800125525347723', 'LI2408800000000343434', 'LI8308800000000121212', 'LI2408800000002222227'],
  LT: ['LT121000011101001000', 'LT281000011101001003', 'LT821000011101001001', 'LT981000011101001004', 'LT551000011101001002', 'LT591000000000343434', 'LT211000000000121212', 'LT591000000002222227'],
  LU: ['LU280019400644750000', 'LU440019400644750003', 'LU980019400644750001', 'LU170019400644750004', 'LU710019400644750002', 'LU900010000000343434', 'LU520010000000121212', 'LU900010000002222227'],
  NL: ['NL39RABO0300065264', 'NL55RABO0300065267', 'NL91ABNA0417164300', 'NL28RABO0300065268', 'NL82RABO0300065266', 'NL27RABO0000343434', 'NL86RABO0000121212', 'NL55RABO0300065267'],
  NO: ['NO9386011117947', 'NO8886011117940', 'NO6686011117948', 'NO6186011117941', 'NO3986011117949', 'NO0586010343434', 'NO0586010343434', 'NO0586012222227'],
  PT: ['PT50000201231234567890154', 'PT66000201231234567890157', 'PT23000201231234567890155', 'PT39000201231234567890158', 'PT93000201231234567890156', 'PT05000201230000000343434', 'PT64000201230000000121212', 'PT05000201230000002222227'],
  ES: ['ES0700120345030000067890', 'ES2300120345030000067893', 'ES9121000418450200051332', 'ES9300120345030000067894', 'ES5000120345030000067892', 'ES1700120345000000343434', 'ES7600120345000000121212', 'ES1700120345000002222227'],
  SE: ['SE3550000000054910000003', 'SE5150000000054910000006', 'SE0850000000054910000004', 'SE2450000000054910000007', 'SE7850000000054910000005', 'SE2850000000000000343434', 'SE8750000000000000121212', 'SE2850000000000002222227'],
  CH: ['CH9300762011623852957', 'CH8656663438253651553', 'CH5362200119938136497', 'CH1843597160341964438', 'CH1260378413965193069', 'CH1800762000000343434', 'CH7700762000000121212', 'CH1800762000002222227'],
  GB: ['GB82WEST12345698765432', 'GB98WEST12345698765435', 'GB55WEST12345698765433', 'GB71WEST12345698765436', 'GB28WEST12345698765434', 'GB70WEST12345600343434', 'GB32WEST12345600121212', 'GB70WEST12345602222227'],
};

/** Every documented test IBAN with its row (first row wins for the docs' duplicates). */
export const SEPA_TEST_IBANS: ReadonlyMap<string, Row> = (() => {
  const map = new Map<string, Row>();
  for (const ibans of Object.values(TEST_IBANS)) ibans.forEach((iban, i) => map.has(iban) || map.set(iban, ROWS[i]!));
  return map;
})();

function outcomeOfRow(row: Row): SepaOutcome {
  switch (row) {
    case 'success':
      return { kind: 'succeed', delayed: false };
    case 'successDelayed':
      return { kind: 'succeed', delayed: true };
    case 'disputed':
      return { kind: 'succeed', delayed: false, dispute: true };
    case 'failed':
      return { kind: 'fail', delayed: false, code: 'generic_could_not_process' };
    case 'failedDelayed':
      return { kind: 'fail', delayed: true, code: 'generic_could_not_process' };
    case 'exceedsWeeklyVolumeLimit':
      return { kind: 'fail', delayed: false, code: 'charge_exceeds_source_limit' };
    case 'exceedsWeeklyTransactionLimit':
      return { kind: 'fail', delayed: false, code: 'charge_exceeds_weekly_limit' };
    case 'insufficientFunds':
      return { kind: 'fail', delayed: false, code: 'insufficient_funds' };
  }
}

/**
 * The outcome for an IBAN: a documented test IBAN's row; any other valid IBAN settles like the
 * plain success row (as an unlisted valid card number behaves like 4242…).
 */
export function sepaOutcome(iban: string): SepaOutcome {
  const row = SEPA_TEST_IBANS.get(iban);
  return outcomeOfRow(row ?? 'success');
}

/** IBAN lengths of the SEPA scheme's countries and territories (ISO 13616 registry). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23, GR: 27,
  HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** Where a country's BBAN holds its bank and branch codes ([start, length] within the BBAN). */
const BANK_CODES: Record<string, { bank: [number, number]; branch?: [number, number] }> = {
  AT: { bank: [0, 5] },
  BE: { bank: [0, 3] },
  DE: { bank: [0, 8] },
  ES: { bank: [0, 4], branch: [4, 4] },
  FR: { bank: [0, 5], branch: [5, 5] },
  GB: { bank: [0, 4], branch: [4, 6] },
  IE: { bank: [0, 4], branch: [4, 6] },
  IT: { bank: [1, 5], branch: [6, 5] },
  NL: { bank: [0, 4] },
  PT: { bank: [0, 4], branch: [4, 4] },
};

export type IbanProblem = 'format' | 'country' | 'length' | 'checksum';

/** Why an IBAN (spaces removed, upper-cased) is invalid, or undefined when it is valid. */
export function ibanProblem(iban: string): IbanProblem | undefined {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return 'format';
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length === undefined) return 'country';
  if (iban.length !== length) return 'length';
  return mod97(iban) === 1 ? undefined : 'checksum';
}

function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

export function normalizeIban(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The PaymentMethod's `sepa_debit` details Stripe derives from an IBAN. */
export function ibanDetails(iban: string): { country: string; bank_code: string | null; branch_code: string | null; last4: string } {
  const country = iban.slice(0, 2);
  const bban = iban.slice(4);
  const codes = BANK_CODES[country];
  const part = (range: [number, number] | undefined) => (range ? bban.slice(range[0], range[0] + range[1]) : null);
  return { country, bank_code: part(codes?.bank), branch_code: part(codes?.branch), last4: iban.slice(-4) };
}

// Tax rates: stored and listed as Stripe keeps them (applying them to invoice totals is not emulated).
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';

const TAX_TYPES = ['admissions_tax', 'amusement_tax', 'attendance_tax', 'communications_tax', 'digital_excise_tax', 'entertainment_tax', 'get_fund', 'gross_receipts_tax', 'gst', 'hospitality_tax', 'hst', 'igst', 'jct', 'lease_tax', 'luxury_tax', 'mass_transit_parking_tax', 'nhil', 'parking_tax', 'pst', 'qst', 'resort_tax', 'retail_delivery_fee', 'rst', 'sales_tax', 'service_tax', 'tourism_tax', 'utility_users_tax', 'vat'] as const;

export function createTaxRate(emu: Emulator, params: Params): Stripe.TaxRate {
  params.only('display_name', 'inclusive', 'percentage', 'active', 'country', 'description', 'jurisdiction', 'metadata', 'state', 'tax_type');
  const raw = params.requiredStr('percentage');
  const percentage = Number(raw);
  if (!/^\d+(\.\d{1,4})?$/.test(raw) || percentage > 100) throw invalidRequest('percentage must be a number between 0 and 100 with at most 4 decimal places.', 'percentage');
  const inclusive = params.bool('inclusive');
  if (inclusive === undefined) throw invalidRequest('Missing required param: inclusive.', 'inclusive', 'parameter_missing');
  const taxRate = emu.store.insert({
    id: newId('txr'),
    object: 'tax_rate',
    active: params.bool('active') ?? true,
    country: params.str('country') ?? null,
    created: emu.clock.now(),
    description: params.str('description') ?? null,
    display_name: params.requiredStr('display_name'),
    effective_percentage: percentage,
    flat_amount: null,
    inclusive,
    jurisdiction: params.str('jurisdiction') ?? null,
    jurisdiction_level: null,
    livemode: false,
    metadata: params.metadata(),
    percentage,
    rate_type: 'percentage',
    state: params.str('state') ?? null,
    tax_type: params.oneOf('tax_type', TAX_TYPES) ?? null,
  });
  emu.events.emit('tax_rate.created', taxRate);
  return taxRate;
}

/** Percentage and inclusive are fixed once created, as on Stripe. */
export function updateTaxRate(emu: Emulator, taxRate: Stripe.TaxRate, params: Params): Stripe.TaxRate {
  params.only('active', 'country', 'description', 'display_name', 'jurisdiction', 'metadata', 'state', 'tax_type');
  const before = snapshot(taxRate);
  params.assignBools(taxRate, 'active');
  for (const field of ['country', 'description', 'jurisdiction', 'state'] as const) {
    const value = params.nullableStr(field);
    if (value !== undefined) taxRate[field] = value;
  }
  const displayName = params.str('display_name');
  if (displayName) taxRate.display_name = displayName;
  const taxType = params.oneOf('tax_type', TAX_TYPES);
  if (taxType) taxRate.tax_type = taxType;
  taxRate.metadata = params.metadata(taxRate.metadata ?? {});
  emu.events.emitUpdate('tax_rate.updated', taxRate, before);
  return taxRate;
}

// The invoice PDF at `invoice_pdf`: a one-document summary a customer can file, drawn with pdf-lib
// (number, dates, who is billed, lines, totals, payments received).
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type Stripe from 'stripe';
import { formatMoney, formatShortDate } from './format.js';

export interface InvoicePayment {
  paidAt: number;
  amount: number;
  description: string;
}

export interface InvoiceDocument {
  invoice: Stripe.Invoice;
  businessName: string;
  payments: InvoicePayment[];
  /** The invoice's discounts, named ("SAVE20 (20% off)"), with what each took off. */
  discounts?: { label: string; amount: number }[];
}

const INK = rgb(0.1, 0.12, 0.21);
const MUTED = rgb(0.41, 0.45, 0.53);
const LINE = rgb(0.89, 0.91, 0.93);
const BRAND = rgb(0.39, 0.36, 1);
const MARGIN = 50;

/** The standard fonts speak WinAnsi only: anything else prints as "?" instead of failing. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff€–—‘’“”•…]/g, '?');
}

const PAGE_SIZE: [number, number] = [612, 792];

/** Draws top to bottom, starting a new page when the current one is full. */
class Writer {
  y: number;
  page: PDFPage;
  constructor(
    private readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage(PAGE_SIZE);
    this.y = this.page.getHeight() - MARGIN;
  }

  /** Room for `points` more, or a fresh page (leaving the bottom margin for the footer). */
  ensureRoom(points: number): void {
    if (this.y - points > MARGIN + 30) return;
    this.page = this.pdf.addPage(PAGE_SIZE);
    this.y = this.page.getHeight() - MARGIN;
  }

  text(value: string, x: number, options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; align?: 'left' | 'right' } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const safe = printable(value);
    const left = options.align === 'right' ? x - font.widthOfTextAtSize(safe, size) : x;
    this.page.drawText(safe, { x: left, y: this.y, size, font, color: options.color ?? INK });
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: this.page.getWidth() - MARGIN, y: this.y }, thickness: 0.75, color: LINE });
  }

  down(points: number): void {
    this.y -= points;
  }
}

export async function renderInvoicePdf({ invoice, businessName, payments, discounts = [] }: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const number = invoice.number ?? invoice.id;
  pdf.setTitle(`Invoice ${number}`);
  pdf.setAuthor(businessName);
  pdf.setCreator('Stripe emulator');
  const w = new Writer(pdf, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  const right = PAGE_SIZE[0] - MARGIN;
  const money = (amount: number) => formatMoney(amount, invoice.currency);

  w.text('Invoice', MARGIN, { size: 24, bold: true });
  w.text(businessName, right, { size: 14, bold: true, color: BRAND, align: 'right' });
  w.down(36);

  const issued = invoice.status_transitions?.finalized_at ?? invoice.created;
  const facts: [string, string][] = [
    ['Invoice number', number],
    ['Date of issue', formatShortDate(issued)],
  ];
  if (invoice.due_date) facts.push(['Date due', formatShortDate(invoice.due_date)]);
  if (invoice.status_transitions?.paid_at) facts.push(['Date paid', formatShortDate(invoice.status_transitions.paid_at)]);
  facts.push(['Status', invoice.status ?? 'draft']);
  for (const [label, value] of facts) {
    w.text(label, MARGIN, { color: MUTED });
    w.text(value, MARGIN + 110, { bold: label === 'Invoice number' });
    w.down(15);
  }
  w.down(12);

  w.text('Bill to', MARGIN, { bold: true });
  w.down(15);
  const address = invoice.customer_address;
  const billTo = [
    invoice.customer_name,
    invoice.customer_email,
    address?.line1,
    address?.line2,
    [address?.postal_code, address?.city, address?.state].filter(Boolean).join(' '),
    address?.country,
  ].filter((line): line is string => Boolean(line));
  for (const line of billTo.length ? billTo : [typeof invoice.customer === 'string' ? invoice.customer : (invoice.customer?.id ?? '')]) {
    w.text(line, MARGIN);
    w.down(14);
  }
  w.down(16);

  const amountLine = invoice.amount_remaining > 0 && invoice.status === 'open' ? `${money(invoice.amount_remaining)} due${invoice.due_date ? ` ${formatShortDate(invoice.due_date)}` : ''}` : `${money(invoice.amount_paid)} paid`;
  w.text(amountLine, MARGIN, { size: 16, bold: true });
  w.down(30);

  const qtyX = right - 190;
  const unitX = right - 100;
  w.text('Description', MARGIN, { color: MUTED, size: 9 });
  w.text('Qty', qtyX, { color: MUTED, size: 9, align: 'right' });
  w.text('Unit price', unitX, { color: MUTED, size: 9, align: 'right' });
  w.text('Amount', right, { color: MUTED, size: 9, align: 'right' });
  w.down(8);
  w.rule();
  w.down(16);
  for (const line of invoice.lines?.data ?? []) {
    w.ensureRoom(40);
    const quantity = line.quantity ?? 1;
    w.text(truncate(line.description ?? 'Item', 60), MARGIN);
    w.text(String(quantity), qtyX, { align: 'right' });
    w.text(money(quantity ? Math.round(line.amount / quantity) : line.amount), unitX, { align: 'right' });
    w.text(money(line.amount), right, { align: 'right' });
    if (line.period && line.period.start !== line.period.end) {
      w.down(13);
      w.text(`${formatShortDate(line.period.start)} – ${formatShortDate(line.period.end)}`, MARGIN, { size: 8.5, color: MUTED });
    }
    w.down(10);
    w.rule();
    w.down(16);
  }

  const totals: [string, number, boolean][] = [
    ['Subtotal', invoice.subtotal, false],
    ...discounts.map((d): [string, number, boolean] => [d.label, -d.amount, false]),
    ['Total', invoice.total, true],
    ['Amount paid', invoice.amount_paid, false],
    ['Amount due', invoice.amount_remaining, true],
  ];
  w.ensureRoom(70 + 16 * discounts.length);
  for (const [label, amount, strong] of totals) {
    w.text(label, unitX - 60, { bold: strong, color: strong ? INK : MUTED });
    w.text(money(amount), right, { bold: strong, align: 'right' });
    w.down(16);
  }

  if (payments.length) {
    w.ensureRoom(40 + 15 * payments.length);
    w.down(14);
    w.text('Payments', MARGIN, { bold: true });
    w.down(16);
    for (const payment of payments) {
      w.text(formatShortDate(payment.paidAt), MARGIN);
      w.text(payment.description, MARGIN + 110);
      w.text(money(payment.amount), right, { align: 'right' });
      w.down(15);
    }
  }

  const pages = pdf.getPages();
  const footerFont = w.regular;
  pages.forEach((page, i) => {
    page.drawText(printable(`${number} · ${money(invoice.total)} · Page ${i + 1} of ${pages.length}`), { x: MARGIN, y: MARGIN, size: 8, font: footerFont, color: MUTED });
  });
  return pdf.save();
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

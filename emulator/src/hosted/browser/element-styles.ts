// The look of the emulator's card inputs inside a merchant's page, injected once per document.
// Appearance variables (`colorPrimary`, `fontFamily`, …) arrive as CSS custom properties.

const CSS = `
.emu-element{--emu-primary:#635bff;--emu-text:#30313d;--emu-muted:#6d6e78;--emu-danger:#df1b41;--emu-bg:#fff;--emu-border:#e0e0e6;--emu-radius:6px;--emu-font:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Ubuntu,sans-serif;font-family:var(--emu-font);color:var(--emu-text);font-size:15px;line-height:1.4}
.emu-element *{box-sizing:border-box}
.emu-frame-body{margin:0;padding:3px;background:transparent;overflow:hidden}
.emu-frame-host{display:block;width:100%}
.emu-frame-host iframe{display:block;border:0;width:100%;overflow:hidden;color-scheme:normal}
.emu-row{display:flex;gap:12px}
.emu-row>.emu-field{flex:1;min-width:0}
.emu-field{position:relative;margin-bottom:12px}
.emu-label{display:block;font-size:14px;margin-bottom:4px;color:var(--emu-text)}
.emu-input{display:block;width:100%;font:inherit;font-size:16px;color:var(--emu-text);background:var(--emu-bg);border:1px solid var(--emu-border);border-radius:var(--emu-radius);padding:10px 12px;box-shadow:0 1px 1px rgba(0,0,0,.03),0 3px 6px rgba(0,0,0,.02);transition:border-color .15s,box-shadow .15s;outline:none}
.emu-input::placeholder{color:#a3a3ad}
.emu-input:focus{border-color:var(--emu-primary);box-shadow:0 0 0 3px color-mix(in srgb,var(--emu-primary) 25%,transparent)}
.emu-input:disabled{background:#f6f8fa;color:var(--emu-muted)}
.emu-select{appearance:auto;padding:9px 10px;min-height:44px}
.emu-field--invalid .emu-input,.emu-input[aria-invalid="true"]{border-color:var(--emu-danger);color:var(--emu-danger)}
.emu-field--invalid .emu-input:focus{box-shadow:0 0 0 3px color-mix(in srgb,var(--emu-danger) 25%,transparent)}
.emu-error{margin:4px 0 0;font-size:13px;color:var(--emu-danger);min-height:0}
.emu-error:empty{display:none}
.emu-card--payment .emu-brand{position:absolute;right:10px;top:32px}
.emu-brand{display:inline-block;min-width:34px;height:22px;border-radius:3px;font:700 10px/22px var(--emu-font);text-align:center;text-transform:uppercase;letter-spacing:.03em;color:#fff;background:transparent}
.emu-card[data-brand="visa"] .emu-brand{background:#1a1f71}
.emu-card[data-brand="visa"] .emu-brand::after{content:"Visa"}
.emu-card[data-brand="mastercard"] .emu-brand{background:#eb001b}
.emu-card[data-brand="mastercard"] .emu-brand::after{content:"MC"}
.emu-card[data-brand="amex"] .emu-brand{background:#2e77bc}
.emu-card[data-brand="amex"] .emu-brand::after{content:"Amex"}
.emu-card[data-brand="discover"] .emu-brand{background:#f58220}
.emu-card[data-brand="discover"] .emu-brand::after{content:"Disc"}
.emu-card[data-brand="diners"] .emu-brand,.emu-card[data-brand="jcb"] .emu-brand,.emu-card[data-brand="unionpay"] .emu-brand{background:#4b5563}
.emu-card[data-brand="diners"] .emu-brand::after{content:"Diners"}
.emu-card[data-brand="jcb"] .emu-brand::after{content:"JCB"}
.emu-card[data-brand="unionpay"] .emu-brand::after{content:"UPI"}
.emu-inline{display:flex;align-items:center;gap:8px;border:1px solid var(--emu-border);border-radius:var(--emu-radius);padding:8px 10px;background:var(--emu-bg);margin:0}
.emu-inline:focus-within{border-color:var(--emu-primary)}
.emu-inline .emu-input{border:0;box-shadow:none;padding:2px 0;min-width:0}
.emu-inline .emu-input:focus{box-shadow:none}
.emu-inline-number{flex:1 1 auto}
.emu-inline-expiry{flex:0 0 72px}
.emu-inline-cvc{flex:0 0 48px}
.emu-inline-postal{flex:0 0 64px}
.emu-mandate{font-size:12px;color:var(--emu-muted);margin:4px 0 0}
.emu-sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.emu-3ds-backdrop{position:fixed;inset:0;z-index:2147483647;background:rgba(10,20,40,.55);display:flex;align-items:flex-start;justify-content:center;padding-top:min(12vh,96px)}
.emu-3ds-dialog{background:#fff;border-radius:10px;box-shadow:0 20px 50px rgba(0,0,0,.3);width:min(440px,94vw);max-height:calc(100vh - min(12vh,96px) - 16px);overflow:auto}
.emu-3ds-dialog iframe{border:0;width:100%;height:320px;display:block}
`;

const STYLE_ID = 'stripe-emulator-elements';

export function injectElementStyles(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  document.head.append(style);
}

export interface AppearanceVariables {
  colorPrimary?: string;
  colorText?: string;
  colorDanger?: string;
  colorBackground?: string;
  fontFamily?: string;
  borderRadius?: string;
}

export function applyAppearance(root: HTMLElement, variables: AppearanceVariables | undefined): void {
  if (!variables) return;
  const map: [keyof AppearanceVariables, string][] = [
    ['colorPrimary', '--emu-primary'],
    ['colorText', '--emu-text'],
    ['colorDanger', '--emu-danger'],
    ['colorBackground', '--emu-bg'],
    ['fontFamily', '--emu-font'],
    ['borderRadius', '--emu-radius'],
  ];
  for (const [key, property] of map) {
    const value = variables[key];
    if (value) root.style.setProperty(property, value);
  }
}

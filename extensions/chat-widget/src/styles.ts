// All of the widget's CSS, inside its shadow root: theme styles cannot reach in, and these
// cannot leak out. Everything is position: fixed, so the page around it never shifts.
export const STYLES = `
:host{all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483000}
*{box-sizing:border-box;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:var(--tl-accent);color:var(--tl-on-accent);cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center}
.left .launcher,.left .panel{right:auto;left:20px}
.launcher svg{width:26px;height:26px;fill:currentColor}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#d72c0d;color:#fff;font-size:12px;font-weight:700;line-height:20px;text-align:center}
.panel{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:min(360px,calc(100vw - 40px));height:min(520px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;color:#1a1a1a;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden}
.panel[hidden],[hidden]{display:none}
header{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:var(--tl-accent);color:var(--tl-on-accent)}
h2{margin:0;font-size:16px;font-weight:600;color:inherit}
.close{border:0;background:transparent;color:inherit;font-size:22px;line-height:1;cursor:pointer;padding:2px 8px;border-radius:6px}
.away{margin:0;padding:10px 14px;background:#fff4e5;font-size:13px}
ol{list-style:none;margin:0;padding:12px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:8px}
li{max-width:85%;padding:8px 11px;border-radius:12px;background:#f1f1f1;white-space:pre-wrap;overflow-wrap:anywhere;align-self:flex-start}
li.in{align-self:flex-end;background:var(--tl-accent);color:var(--tl-on-accent)}
.who{display:block;font-size:12px;font-weight:600;opacity:.75}
form{border-top:1px solid #e3e3e3;padding:10px 12px;display:flex;flex-direction:column;gap:6px}
label{display:flex;flex-direction:column;gap:2px;font-size:12px}
input,textarea{width:100%;border:1px solid #8a8a8a;border-radius:8px;padding:7px 9px;color:#1a1a1a;background:#fff}
textarea{resize:none;min-height:40px;max-height:120px}
.row{display:flex;gap:8px;align-items:flex-end}
.send,.retry{border:0;border-radius:8px;padding:9px 14px;background:var(--tl-accent);color:var(--tl-on-accent);font-weight:600;cursor:pointer}
.send:disabled{opacity:.6;cursor:default}
.retry{padding:4px 10px;align-self:flex-start}
.error{margin:0;color:#b3261e;font-size:13px}
.count{margin:0;font-size:12px;color:#616161;text-align:right}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.csat{border-top:1px solid #e3e3e3;padding:8px 12px}
.csat form{border:0;padding:0}
.csat textarea{min-height:34px}
.stars{border:0;margin:0;padding:0;display:flex;gap:2px}
.stars legend{padding:0;margin-bottom:4px;font-weight:600}
.star{position:relative;cursor:pointer}
.star input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.star span{display:block;font-size:28px;line-height:1;padding:2px 3px;color:#767676;border-radius:6px}
.star.on span{color:#b25e00}
.star input:focus-visible+span{outline:3px solid #1a1a1a;outline-offset:1px}
.csat-thanks{margin:0;font-weight:600}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
header :focus-visible{outline-color:currentColor}
@media (prefers-reduced-motion:no-preference){.panel{animation:tl-in .15s ease-out}@keyframes tl-in{from{opacity:0;transform:translateY(8px)}}}
`;

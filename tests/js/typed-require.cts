// Compiled with `tsc --module nodenext` (never run): a CommonJS TypeScript
// file `require`s the package and sees the same declaration file.
import binhdang = require("binhdang");

const findings: binhdang.Finding[] = binhdang.validateReport("{}", "{}", { asOf: new Date() });
const ready: Promise<binhdang.InitOutput> = binhdang.default();
// @ts-expect-error: a list of reports, not one.
binhdang.aggregate("{}", "{}", "2025-01-15");
const loaded: Promise<void> = binhdang.initProvince();
const decided: binhdang.Decision = binhdang.transition("{}", "{}");
console.log(findings.length, ready, loaded, decided.findings.length);
// The form's entry, required: the same declarations, none of the province's functions.
import form = require("binhdang/form");
const checked: binhdang.Finding[] = new form.Checker("{}").validateReport("{}");
// @ts-expect-error: a batch is the province module's.
form.validateReports(["{}"], "{}");
console.log(checked.length);

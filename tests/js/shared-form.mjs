// Form code shared by a browser page and Node, as a portal shares it with its
// tests: the host hands it the package's module and the .wasm bytes, and it
// initialises with `initSync` (a no-op where the module is ready already).
export function checkForm(binhdang, wasmBytes, plan, report) {
  binhdang.initSync({ module: wasmBytes });
  const checker = new binhdang.Checker(plan);
  return checker.validateReport(report, { asOf: "2025-01-15" }).map((f) => [f.code, f.path, f.message_vi]);
}

// The same for the province module: where Sìn Hồ's six-month report stands
// after the Lai Châu log (returned, with the reason the unit is shown).
export function standingOf108(binhdang, provinceBytes, plan, events) {
  binhdang.initProvinceSync({ module: provinceBytes });
  const { state, reason } = binhdang.replay(plan, events, { asOf: "2024-06-30" }).standings.find((s) => s.unit === "108");
  return [state, reason];
}

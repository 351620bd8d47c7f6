// A six-month report form for one unit of the Lai Châu plan, checked as it is
// typed by binhdang's WebAssembly module. The form only builds the report
// from its fields and shows each finding beside the field its JSON Pointer
// names: the rules and the Vietnamese messages come from binhdang.
//
// Below the form, the report's standing in the workflow (submitted,
// returned with the standing agency's reason, accepted...) and a button to
// submit it. The workflow is in binhdang's second module, which the page
// loads only once the form has been checked: the form never waits for it.
//
// Last, the same report as an Excel file: the unit downloads its form,
// fills it and uploads it; the page lists each finding with the cell it
// names, and offers the province's summary of the files uploaded as a
// workbook. Excel is binhdang's third module, which the page loads only when
// a form is asked for or a file chosen.
//
// The first check needs only the form's entry (`binhdang/form`); the rest
// of the package, the JavaScript of the other two modules, is imported
// when the page first needs it, and shares the form's module.
import init, { Checker } from "../../bindings/wasm/form.js";

/** The whole package, imported once, the first time the page needs more than the form. */
let whole;
const binhdang = () => (whole ??= import("../../bindings/wasm/index.js"));
// The province module's functions, once `workflow()` has loaded it.
let replay, transition;

// Breakdowns beyond sex the plan asks for (its own indicators: victims by
// age band, Project 8 trainees by Kinh / ethnic minorities): one row per
// option under the indicator's own row, each a cell of the value.
const AGE = { dimension: "age", options: [["0-15", "Dưới 16 tuổi"], ["16-59", "Từ 16 đến 59 tuổi"], ["60+", "Từ 60 tuổi trở lên"]] };
const ETHNICITY = { dimension: "ethnicity", options: [["01", "Kinh"], ["dtts", "Dân tộc thiểu số"]] };

// Indicators on this form: [id, split by sex, breakdown].
const ROWS = [
  ["training_classes", false],
  ["training_participants", true],
  ["communication_events", false],
  ["people_reached", true],
  ["violence_cases_handled", false],
  ["victims_supported", true, AGE],
  ["du-an-8-tap-huan", true, ETHNICITY],
];
const NAMES = {
  "du-an-8-tap-huan": "Số người được tập huấn theo Dự án 8 (vùng đồng bào dân tộc thiểu số và miền núi)",
  training_classes: "Số lớp tập huấn, bồi dưỡng đã tổ chức",
  training_participants: "Số lượt người tham gia tập huấn, bồi dưỡng",
  communication_events: "Số cuộc truyền thông, tuyên truyền đã tổ chức",
  people_reached: "Số lượt người được truyền thông, tuyên truyền",
  violence_cases_handled: "Số vụ bạo lực đối với phụ nữ và trẻ em gái được xử lý",
  victims_supported: "Số nạn nhân bị bạo lực được hỗ trợ",
};

const $ = (sel) => document.querySelector(sel);
let plan;
// The plan read once: each check on a keystroke then reads only the report.
let checker;
// The six-month entry of the plan's schedule: the report this form makes.
let entry;

// The workflow's states as the page names them (docs/workflow.md).
const STATES = {
  draft: "Nháp (chưa nộp)",
  submitted: "Chờ duyệt",
  returned: "Bị trả lại",
  accepted: "Đã duyệt",
  locked: "Đã khóa",
  reopened: "Được mở lại",
};
// The day this example is set on: the log below runs to late June 2024.
const TODAY = "2024-06-30";
// The portal's log of events, as its server would keep it (here a file of the example).
let events;

function buildRows() {
  const body = $("#values tbody");
  // One row of the table: its label and inputs at `path` (a value, or a cell of one).
  const row = (label, path, bySex, className) => {
    const tr = document.createElement("tr");
    tr.dataset.path = path;
    if (className) tr.className = className;
    const cell = (part) => {
      const td = document.createElement("td");
      if (part !== "total" && !bySex) return td;
      const input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.step = "1";
      input.dataset.path = `${path}/${part}`;
      input.setAttribute("aria-label", `${label} — ${{ female: "nữ", male: "nam", total: "tổng số" }[part]}`);
      const msg = document.createElement("span");
      msg.className = "msg";
      msg.dataset.msgFor = input.dataset.path;
      td.append(input, msg);
      return td;
    };
    const name = document.createElement("td");
    const rowMsg = document.createElement("span");
    rowMsg.className = "msg";
    rowMsg.dataset.msgFor = path;
    name.append(label, rowMsg);
    tr.append(name, cell("female"), cell("male"), cell("total"));
    body.append(tr);
  };
  ROWS.forEach(([id, bySex, breakdown], i) => {
    row(NAMES[id], `/values/${i}`, bySex);
    if (!breakdown) return;
    // The cells' own messages (a breakdown left incomplete) go under the last of them.
    breakdown.options.forEach(([, label], j) => row(`└ ${label}`, `/values/${i}/cells/${j}`, bySex, "cell"));
    const msg = document.createElement("tr");
    msg.innerHTML = `<td colspan="4"><span class="msg" data-msg-for="/values/${i}/cells"></span></td>`;
    body.append(msg);
  });
}

/** The report as the form holds it: an empty box is "not reported", so it is left out. */
function report() {
  const number = (path) => {
    const el = document.querySelector(`input[data-path="${path}"]`);
    if (!el || el.value.trim() === "") return undefined;
    const n = Number(el.value);
    return Number.isFinite(n) ? n : el.value;
  };
  const parts = (v, path) => {
    for (const part of ["female", "male", "total"]) {
      const n = number(`${path}/${part}`);
      if (n !== undefined) v[part] = n;
    }
    return v;
  };
  const values = ROWS.map(([indicator, , breakdown], i) => {
    const v = parts({ indicator }, `/values/${i}`);
    // Every cell, an empty one too (it gives nothing): its place is its pointer.
    if (breakdown) {
      v.cells = breakdown.options.map(([code], j) => parts({ by: { [breakdown.dimension]: code } }, `/values/${i}/cells/${j}`));
    }
    return v;
  });
  return {
    plan: plan.number,
    unit: $("#unit").value,
    kind: "six_month",
    period: { from: $("#period-from").value, to: $("#period-to").value },
    submitted: $("#submitted").value,
    values,
  };
}

/** The closest element for a pointer: the field itself, else its row or section. */
function target(path) {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const el = document.querySelector(`[data-msg-for="${p}"]`);
    if (el) return el;
    if (p === "") return $("#general");
  }
}

function check() {
  for (const el of document.querySelectorAll(".msg")) el.replaceChildren();
  for (const el of document.querySelectorAll(".error-field, .warning-field")) el.classList.remove("error-field", "warning-field");
  const findings = checker.validateReport(report(), { asOf: $("#submitted").value || undefined });
  for (const f of findings) {
    const line = document.createElement("span");
    line.className = f.severity;
    line.dataset.code = f.code;
    line.textContent = (f.severity === "error" ? "Lỗi: " : "Cảnh báo: ") + f.message_vi;
    target(f.path).append(line);
    const field = document.querySelector(`[data-path="${f.path}"]`);
    if (field) field.classList.add(`${f.severity}-field`);
  }
  const errors = findings.filter((f) => f.severity === "error").length;
  $("#status").textContent = errors ? `Còn ${errors} lỗi cần sửa trước khi gửi.` : findings.length ? "Không có lỗi; xem các cảnh báo." : "Báo cáo hợp lệ, có thể gửi.";
  $("#status").className = errors ? "" : "ok";
}

const dmy = (iso) => iso.split("-").reverse().map(Number).join("/");

/** The selected unit's report as the log leaves it; a report with no event is a draft. */
function standing() {
  const unit = $("#unit").value;
  const s = replay(plan, events, { asOf: TODAY }).standings.find((s) => s.unit === unit && s.entry === entry.id);
  if (!s) return undefined;
  const { unit: _, entry: __, ...rest } = s;
  return rest;
}

function showStanding() {
  const s = standing() ?? { state: "draft", version: 0 };
  $("#workflow").dataset.state = s.state;
  $("#standing").textContent = STATES[s.state] + (s.version ? ` — phiên bản ${s.version}, nộp ngày ${dmy(s.submitted)}` : "");
  $("#reason").textContent = s.reason ? `Lý do: ${s.reason}` : "";
}

/** Submits the report: binhdang decides whether this unit may, now; the page appends the event to its log. */
function submit() {
  const unit = $("#unit").value;
  const step = { unit, entry: entry.id, action: "submit", by: unit, date: $("#submitted").value, standing: standing() };
  const decided = transition(plan, step, { asOf: TODAY });
  const out = $("#submit-result");
  out.replaceChildren();
  if (decided.event) {
    events.push(decided.event);
    out.textContent = `Đã nộp phiên bản ${decided.event.version}.`;
    out.className = "msg ok";
  } else {
    for (const f of decided.findings) {
      const line = document.createElement("span");
      line.className = "error";
      line.dataset.code = f.code;
      line.textContent = "Không nộp được: " + f.message_vi;
      out.append(line);
    }
    out.className = "msg";
  }
  showStanding();
}

/** The workflow, once the form is ready: the second module and the log, then the standing. */
async function workflow() {
  const [b, log] = await Promise.all([
    binhdang().then(async (b) => (await b.initProvince(), b)),
    fetch("../lai-chau-2024/workflow/events.json").then((r) => r.json()),
  ]);
  ({ replay, transition } = b);
  events = log;
  showStanding();
  $("#unit").addEventListener("change", () => {
    $("#submit-result").replaceChildren();
    showStanding();
  });
  $("#submit-report").addEventListener("click", submit);
  $("#submit-report").disabled = false;
}

// The workbook module, loaded the first time a page asks for it: its functions.
let workbookModule;
const workbook = () => (workbookModule ??= binhdang().then(async (b) => (await b.initWorkbook(), b)));
// The files uploaded, by name: the province's summary adds them up.
const uploaded = new Map();
const LEVEL = { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" };

/** Offers `bytes` to the user as a file named `name`. */
function download(bytes, name) {
  const a = $("#download");
  URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  a.download = name;
  a.click();
}

/** The selected unit's Excel form for this report (the six-month entry). */
async function getForm() {
  const { reportForm } = await workbook();
  const unit = $("#unit").value;
  download(reportForm(plan, unit, entry.id), `bao-cao-${entry.id}-${unit}.xlsx`);
}

/** Checks an uploaded workbook and lists its findings, each beside the cell it names. */
async function checkWorkbook(file) {
  $("#workbook-status").textContent = `Đang kiểm tra ${file.name}…`;
  const [bytes, { validateWorkbook }] = await Promise.all([file.arrayBuffer().then((b) => new Uint8Array(b)), workbook()]);
  const findings = validateWorkbook(bytes, plan, { asOf: TODAY });
  uploaded.set(file.name, bytes);
  const body = $("#workbook-findings tbody");
  body.replaceChildren();
  for (const f of findings) {
    const tr = document.createElement("tr");
    tr.className = f.severity;
    tr.dataset.code = f.code;
    // The cell the finding names ('Chỉ tiêu'!F44); a finding about the whole file or report names none.
    const cell = f.context?.cell;
    if (cell) tr.dataset.cell = cell;
    for (const text of [cell ?? "(cả báo cáo)", LEVEL[f.severity] ?? f.severity, f.message_vi]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  $("#workbook-findings").hidden = findings.length === 0;
  const errors = findings.filter((f) => f.severity === "error").length;
  $("#workbook-status").textContent = errors
    ? `${file.name}: còn ${errors} lỗi cần sửa trong tệp.`
    : `${file.name}: không có lỗi${findings.length ? "; xem các cảnh báo" : ""}.`;
  $("#get-summary").disabled = false;
}

/** The province's summary of the files uploaded, as a workbook to download. */
async function getSummary() {
  const { summaryWorkbook } = await workbook();
  download(summaryWorkbook(plan, [...uploaded.values()], TODAY), `tong-hop-${TODAY}.xlsx`);
}

/** The Excel section: nothing of the workbook module loads until it is used. */
function excel() {
  const failed = (e) => {
    $("#workbook-status").textContent = `Không xử lý được tệp: ${e.message}`;
  };
  $("#get-form").addEventListener("click", () => getForm().catch(failed));
  $("#workbook-file").addEventListener("change", (e) => {
    const [file] = e.target.files;
    if (file) checkWorkbook(file).catch(failed);
  });
  $("#get-summary").addEventListener("click", () => getSummary().catch(failed));
}

async function main() {
  // The module (compiled as it streams in) and the plan, side by side.
  [, plan] = await Promise.all([init(), fetch("../lai-chau-2024/plan.json").then((r) => r.json())]);
  checker = new Checker(plan);
  $("#plan-number").textContent = plan.number;
  const names = Object.fromEntries(plan.units.map((u) => [u.id, u.name]));
  for (const id of plan.reporting.units) $("#unit").append(new Option(names[id] ?? id, id));
  $("#unit").value = "105";
  entry = plan.reporting.schedule.find((e) => e.kind === "six_month");
  $("#period-from").value = entry.period.from;
  $("#period-to").value = entry.period.to;
  $("#submitted").value = "2024-06-04";
  buildRows();
  $("#report").addEventListener("input", check);
  check();
  excel();
  document.body.dataset.ready = "true";
  document.body.dataset.readyAt = String(performance.now());
  workflow().catch((e) => {
    $("#standing").textContent = `Không tải được trạng thái báo cáo: ${e.message}`;
  });
}

main().catch((e) => {
  $("#status").textContent = `Không tải được bộ kiểm tra: ${e.message}`;
});

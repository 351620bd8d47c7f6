// A six-month report form for one unit of the Lai Châu plan, checked as it is
// typed by binhdang's WebAssembly module. The form only builds the report
// from its fields and shows each finding beside the field its JSON Pointer
// names: the rules and the Vietnamese messages come from binhdang.
import init, { Checker } from "../../bindings/wasm/index.js";

// Indicators on this form: [id, split by sex].
const ROWS = [
  ["training_classes", false],
  ["training_participants", true],
  ["communication_events", false],
  ["people_reached", true],
  ["violence_cases_handled", false],
  ["victims_supported", true],
];
const NAMES = {
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

function buildRows() {
  const body = $("#values tbody");
  ROWS.forEach(([id, bySex], i) => {
    const tr = document.createElement("tr");
    tr.dataset.path = `/values/${i}`;
    const cell = (part) => {
      const td = document.createElement("td");
      if (part !== "total" && !bySex) return td;
      const input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.step = "1";
      input.dataset.path = `/values/${i}/${part}`;
      input.setAttribute("aria-label", `${NAMES[id]} — ${{ female: "nữ", male: "nam", total: "tổng số" }[part]}`);
      const msg = document.createElement("span");
      msg.className = "msg";
      msg.dataset.msgFor = input.dataset.path;
      td.append(input, msg);
      return td;
    };
    const name = document.createElement("td");
    const rowMsg = document.createElement("span");
    rowMsg.className = "msg";
    rowMsg.dataset.msgFor = `/values/${i}`;
    name.append(NAMES[id], rowMsg);
    tr.append(name, cell("female"), cell("male"), cell("total"));
    body.append(tr);
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
  const values = ROWS.map(([indicator], i) => {
    const v = { indicator };
    for (const part of ["female", "male", "total"]) {
      const n = number(`/values/${i}/${part}`);
      if (n !== undefined) v[part] = n;
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

async function main() {
  await init();
  plan = await (await fetch("../lai-chau-2024/plan.json")).json();
  checker = new Checker(plan);
  $("#plan-number").textContent = plan.number;
  const names = Object.fromEntries(plan.units.map((u) => [u.id, u.name]));
  for (const id of plan.reporting.units) $("#unit").append(new Option(names[id] ?? id, id));
  $("#unit").value = "105";
  const entry = plan.reporting.schedule.find((e) => e.kind === "six_month");
  $("#period-from").value = entry.period.from;
  $("#period-to").value = entry.period.to;
  $("#submitted").value = "2024-06-04";
  buildRows();
  $("#report").addEventListener("input", check);
  check();
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  $("#status").textContent = `Không tải được bộ kiểm tra: ${e.message}`;
});

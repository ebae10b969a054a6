// The playground: POST /v1/translate, then show the Rust, statuses and verification rows.
"use strict";
const $ = (id) => document.getElementById(id);
const python = $("python"), lines = $("python-lines");
const keyInput = $("api-key");
keyInput.value = localStorage.getItem("portalis-api-key") || "";
let refused = new Set();

function drawLines() {
  lines.textContent = "";
  python.value.split("\n").forEach((text, i) => {
    const span = document.createElement("span");
    span.className = "line" + (refused.has(i + 1) ? " refused" : "");
    span.dataset.line = String(i + 1);
    span.textContent = text + "\n";
    lines.appendChild(span);
  });
  lines.scrollTop = python.scrollTop;
  lines.scrollLeft = python.scrollLeft;
}

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function render(data) {
  $("rust").textContent = data.rust || "// nothing translated";
  const statuses = data.units.filter((u) => u.kind !== "file" || u.status !== "verified");
  const main = data.status || (statuses.length ? statuses.map((u) => `${u.qualname || "file"}: ${u.status}`).join(", ") : "—");
  $("status").textContent = main;
  $("status").className = data.status ? "status-" + data.status : "";
  $("reason").textContent = data.reason || "";
  refused = new Set(data.units.filter((u) => u.line && u.status !== "verified").map((u) => u.line));
  drawLines();
  const units = $("units").tBodies[0];
  units.textContent = "";
  const checks = $("verification").tBodies[0];
  checks.textContent = "";
  for (const u of data.units) {
    const row = units.insertRow();
    cell(row, u.qualname || "(file)");
    cell(row, `${u.lines[0]}-${u.lines[1]}`);
    cell(row, u.status, "status-" + u.status);
    cell(row, u.reason);
    for (const r of (u.verification && u.verification.rows) || []) {
      const vr = checks.insertRow();
      vr.className = r.match ? "match" : "differs";
      cell(vr, r.function);
      cell(vr, r.inputs, "mono");
      cell(vr, r.python, "mono");
      cell(vr, r.rust, "mono");
      cell(vr, r.match ? "✓" : "✗", r.match ? "status-verified" : "status-mismatch");
    }
  }
  const v = data.verification;
  $("verify-note").textContent = v.note || (v.ran ? (data.cached ? "(cached)" : "") : "(not requested)");
}

async function translate() {
  $("busy").hidden = false;
  $("error").hidden = true;
  localStorage.setItem("portalis-api-key", keyInput.value);
  const headers = { "Content-Type": "application/json" };
  if (keyInput.value) headers["X-API-Key"] = keyInput.value;
  try {
    const response = await fetch("/v1/translate", {
      method: "POST",
      headers,
      body: JSON.stringify({ source: python.value, verify: $("verify").checked }),
    });
    const data = await response.json();
    if (!response.ok) {
      $("error").textContent = `${data.error.code}: ${data.error.message}`;
      $("error").hidden = false;
      return;
    }
    render(data);
  } catch (err) {
    $("error").textContent = `request failed: ${err}`;
    $("error").hidden = false;
  } finally {
    $("busy").hidden = true;
  }
}

async function copyRust(event) {
  event.preventDefault();
  const text = $("rust").textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch (err) { // no clipboard permission (plain http): select the text instead
    const range = document.createRange();
    range.selectNodeContents($("rust"));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    document.execCommand("copy");
  }
  $("copied").hidden = false;
  setTimeout(() => { $("copied").hidden = true; }, 1500);
}

python.addEventListener("input", () => { refused = new Set(); drawLines(); });
python.addEventListener("scroll", () => { lines.scrollTop = python.scrollTop; lines.scrollLeft = python.scrollLeft; });
$("translate").addEventListener("click", translate);
$("copy").addEventListener("click", copyRust);
drawLines();

// TempAct studio page: one WebSocket to /api/stream; frames drawn into canvases at the stream's pace.
"use strict";
const $ = id => document.getElementById(id);
const COLORS = ["#3b6ea8", "#7a4fa8", "#a8743b", "#3ba87a", "#a83b5a", "#6a8a2a"];
const studio = window.studio = {
  framesDrawn: 0, framesReceived: 0, chunks: 0, switches: [], events: [], errors: [], replans: [],
  plan: null, runId: null, firstFrameMs: null, done: [], lanes: [],
};
let socket = null, chunkFrames = 3, totalChunks = 1, pace = 12, nextChunk = 0, lastArrival = null, genRate = 30;
const queues = [], screens = [];

async function loadInfo() {
  const info = await (await fetch("api/info")).json();
  $("models").textContent = `executor ${info.executor} · planner ${info.planner} · TempAct weights: ${info.tempact ? "loaded" : "not shipped"}`;
  for (let i = 1; i <= info.max_chunks_per_event; i++) $("cpe").add(new Option(`${i} (${i * info.chunk_frames} frames)`, i, false, i === 6));
  $("compare").parentElement.title = info.compare;
  $("compare-note").textContent = "";
  for (const ex of info.examples) {
    const chip = document.createElement("span");
    chip.className = "chip"; chip.textContent = ex;
    chip.onclick = () => { $("instruction").value = ex; hideError(); };
    $("examples").appendChild(chip);
  }
  if (!$("instruction").value) $("instruction").value = info.examples[0];
}

function connect() {
  return new Promise((resolve, reject) => {
    if (socket && socket.readyState === WebSocket.OPEN) return resolve(socket);
    const url = new URL("api/stream", location.href); url.protocol = url.protocol.replace("http", "ws");
    socket = new WebSocket(url);
    socket.onopen = () => resolve(socket);
    socket.onerror = () => reject(new Error("cannot reach the studio server"));
    socket.onclose = () => { setRunning(false); status("disconnected"); socket = null; };
    socket.onmessage = e => handle(JSON.parse(e.data));
  });
}

function send(message) { socket.send(JSON.stringify(message)); }

async function start() {
  hideError(); $("plan-error").hidden = true;
  studio.framesDrawn = 0; studio.framesReceived = 0; studio.chunks = 0; studio.switches = []; studio.events = []; studio.done = [];
  studio.errors = []; studio.replans = []; studio.firstFrameMs = null;
  $("events").innerHTML = ""; $("tracker-bar").innerHTML = "";
  pace = Number($("pace").value); nextChunk = 0; lastArrival = null;
  await connect();
  studio.startedAt = performance.now();
  send({ type: "start", instruction: $("instruction").value, seed: Number($("seed").value), switch: $("switch").value,
         chunks_per_event: Number($("cpe").value), pace, compare: $("compare").checked });
  status("planning…");
}

function handle(m) {
  switch (m.type) {
    case "plan": onPlan(m); break;
    case "chunk": onChunk(m); break;
    case "plan_progress": if (m.lane === 0) { studio.plan = m.steps; drawPlan(); } break;
    case "plan_complete": studio.planComplete = m; if (m.lane === 0) { studio.plan = m.steps; totalChunks = m.chunks; drawPlan(); }
      $("plan-source").textContent = $("plan-source").textContent.replace(/from the .*? · (\d+ frames) · .*? · /, `from the ${m.source} · $1 · planned in ${m.planning_ms} ms · `);
      if (m.differs_from_chunk !== null && m.differs_from_chunk < m.chunks_made)
        log("switch", `the whole plan (${m.source}) differs from the steps played from chunk ${m.differs_from_chunk}: chunks up to ${m.chunks_made} stay as made`);
      break;
    case "switch": studio.switches.push(m); log("switch", `chunk ${m.chunk} (frame ${m.frame})${laneName(m.lane)}: “${m.prompt}” — ${m.cause === "plan" ? "as planned" : "your " + m.cause}, ${m.mode}`); break;
    case "event": studio.events.push(m); onEvent(m); break;
    case "replanned": studio.replans.push(m); if (m.lane === 0) { studio.plan = m.steps; totalChunks = m.chunks; drawPlan(); }
      log("switch", `plan changed from chunk ${m.from_chunk}${laneName(m.lane)} (${m.cause})`); break;
    case "done": studio.done.push(m); status(`done: ${m.frames} frames in ${m.seconds} s (${m.frames_per_second} frames/s), first frame ${m.first_frame_ms} ms`);
      if (studio.done.length === studio.lanes.length) setRunning(false); break;
    case "stopped": setRunning(false); status("stopped"); break;
    case "error": onError(m); break;
  }
}

function laneName(lane) { return studio.lanes.length > 1 ? ` [${studio.lanes[lane].name}]` : ""; }

function onPlan(m) {
  studio.runId = m.run; studio.plan = m.steps; studio.lanes = m.lanes; totalChunks = m.chunks; chunkFrames = m.chunk_frames;
  studio.planComplete = m.partial ? null : m;
  $("plan-source").textContent = `from the ${m.source} · ${m.frames} frames · ${m.partial ? `first step in ${m.planning_ms} ms, the rest decoding` : `planned in ${m.planning_ms} ms`} · start: ${m.scene.map(o => o.name + " " + o.placement).join(", ")}`;
  $("compare-note").textContent = m.compare_note || "";
  $("screens").innerHTML = ""; screens.length = 0; queues.length = 0;
  for (const lane of m.lanes) {
    const div = document.createElement("div"); div.className = "screen";
    const canvas = document.createElement("canvas"); canvas.width = 320; canvas.height = 320; canvas.id = `canvas-${lane.lane}`;
    const caption = document.createElement("div"); caption.className = "caption"; caption.textContent = lane.name;
    const link = document.createElement("a"); link.textContent = "Download GIF"; link.href = `api/runs/${m.run}/gif?lane=${lane.lane}`;
    link.id = `gif-${lane.lane}`; link.download = `tempact-studio-lane${lane.lane}.gif`;
    div.append(canvas, caption, link); $("screens").appendChild(div);
    const small = document.createElement("canvas"); small.width = small.height = 32;
    screens.push({ canvas, ctx: canvas.getContext("2d"), small, smallCtx: small.getContext("2d") }); queues.push([]);
  }
  drawPlan(); setRunning(true); status("streaming…");
}

function onChunk(m) {
  const now = performance.now();
  if (lastArrival !== null) genRate = 0.8 * genRate + 0.2 * (m.frames * 1000 / Math.max(1, now - lastArrival));
  lastArrival = now;
  if (studio.firstFrameMs === null) studio.firstFrameMs = now - studio.startedAt;
  studio.chunks++; studio.framesReceived += m.frames;
  const bytes = Uint8Array.from(atob(m.pixels), c => c.charCodeAt(0)), n = m.size * m.size;
  for (let f = 0; f < m.frames; f++) queues[m.lane].push({ rgb: bytes.subarray(f * n * 3, (f + 1) * n * 3), size: m.size });
  if (m.lane === 0) { nextChunk = m.index + 1; moveCursor(); markDone(); }
}

let nextDue = 0;
function drawLoop(now) {
  const interval = 1000 / (pace > 0 ? pace : Math.max(genRate, 1));
  if (now >= nextDue && queues.some(q => q.length)) {
    const backlog = Math.max(...queues.map(q => q.length));
    const count = backlog > 9 ? backlog - 6 : 1;       // fall behind no more than a few frames
    for (let k = 0; k < count; k++) queues.forEach((q, lane) => { if (q.length) draw(lane, q.shift()); });
    nextDue = Math.max(nextDue + interval, now - interval);
  }
  requestAnimationFrame(drawLoop);
}

function draw(lane, frame) {
  const s = screens[lane]; if (!s) return;
  const image = s.smallCtx.createImageData(frame.size, frame.size);
  for (let i = 0, j = 0; i < frame.rgb.length; i += 3, j += 4) { image.data[j] = frame.rgb[i]; image.data[j + 1] = frame.rgb[i + 1]; image.data[j + 2] = frame.rgb[i + 2]; image.data[j + 3] = 255; }
  s.smallCtx.putImageData(image, 0, 0);
  s.ctx.imageSmoothingEnabled = false;
  s.ctx.drawImage(s.small, 0, 0, s.canvas.width, s.canvas.height);
  if (lane === 0) studio.framesDrawn++;
}

function drawPlan() {
  const bar = $("timeline"); bar.querySelectorAll(".seg").forEach(e => e.remove());
  const rows = $("steps"); rows.innerHTML = "";
  studio.plan.forEach((st, i) => {
    const seg = document.createElement("div"); seg.className = "seg";
    seg.style.width = `${100 * (st.chunks[1] - st.chunks[0]) / totalChunks}%`; seg.style.background = COLORS[i % COLORS.length];
    seg.textContent = st.prompt; seg.title = `${st.prompt} [${st.chunks[0]}, ${st.chunks[1]})`; bar.appendChild(seg);
    const label = document.createElement("span"); label.textContent = `step ${i + 1}`; label.className = "muted";
    const prompt = document.createElement("input"); prompt.className = "prompt"; prompt.value = st.prompt; prompt.id = `step-${i}-prompt`;
    const first = document.createElement("input"); first.className = "span"; first.type = "number"; first.value = st.chunks[0]; first.id = `step-${i}-first`;
    const end = document.createElement("input"); end.className = "span"; end.type = "number"; end.value = st.chunks[1]; end.id = `step-${i}-end`;
    first.title = "first chunk"; end.title = "end chunk (exclusive)";
    rows.append(label, prompt, first, end);
  });
  markDone(); moveCursor();
}

function markDone() {
  (studio.plan || []).forEach((st, i) => {
    const done = st.chunks[1] <= nextChunk;
    for (const id of [`step-${i}-prompt`, `step-${i}-first`, `step-${i}-end`]) { const e = $(id); if (e) { e.disabled = done; e.classList.toggle("done", done); } }
  });
}

function moveCursor() { $("cursor").style.left = `${100 * Math.min(nextChunk, totalChunks) / totalChunks}%`; }

function onEvent(m) {
  if (m.lane === 0) {
    const total = totalChunks * chunkFrames, ev = document.createElement("div"); ev.className = "ev";
    ev.style.left = `${100 * m.onset / total}%`; ev.style.width = `${Math.max(2, 100 * (m.end - m.onset + 1) / total)}%`;
    ev.textContent = m.action.replace("_", " "); ev.title = `${m.subject} ${m.action} [${m.onset}..${m.end}]`; $("tracker-bar").appendChild(ev);
  }
  log("event", `tracker${laneName(m.lane)}: ${m.subject} ${m.action}, frames ${m.onset}–${m.end}`);
}

function applyEdits() {
  const steps = studio.plan.map((_, i) => ({ prompt: $(`step-${i}-prompt`).value, chunks: [Number($(`step-${i}-first`).value), Number($(`step-${i}-end`).value)] }));
  $("plan-error").hidden = true;
  send({ type: "edit", steps });
}

function replan() {
  $("plan-error").hidden = true;
  send({ type: "instruction", instruction: $("next-instruction").value });
}

function onError(m) {
  studio.errors.push(m);
  if (m.code === "instruction") {
    const text = m.source_text || (studio.pendingInstruction ?? $("instruction").value);
    const box = $("instruction-error"); box.hidden = false; box.innerHTML = "";
    box.append(document.createTextNode(m.message + "\n"));
    if (m.offset >= 0) {
      const before = text.slice(0, m.offset), word = text.slice(m.offset, m.offset + (m.word || "").length) || "␣", after = text.slice(m.offset + (m.word || "").length);
      const mark = document.createElement("mark"); mark.id = "marked-word"; mark.textContent = word;
      box.append(document.createTextNode(before), mark, document.createTextNode(after));
    }
    if (!studio.lanes.length || studio.done.length === studio.lanes.length) setRunning(false);
    return;
  }
  if (m.code === "plan" || m.code === "prompt") { $("plan-error").hidden = false; $("plan-error").textContent = m.message; return; }
  status(m.code === "busy" ? `busy: ${m.message}` : `error: ${m.message}`);
  if (m.code === "busy" || m.code === "request") setRunning(false);
}

function hideError() { $("instruction-error").hidden = true; }
function status(text) { $("status").textContent = text; }
function log(kind, text) { const li = document.createElement("li"); li.className = kind; li.textContent = text; const list = $("events"); list.appendChild(li); list.scrollTop = list.scrollHeight; }
function setRunning(on) { $("start").disabled = on; $("stop").disabled = !on; $("apply").disabled = !on; $("replan").disabled = !on; }

$("start").onclick = () => start().catch(e => status(e.message));
$("stop").onclick = () => send({ type: "stop" });
$("apply").onclick = applyEdits;
$("replan").onclick = () => { studio.pendingInstruction = $("next-instruction").value; replan(); };
$("instruction").addEventListener("input", () => { hideError(); studio.pendingInstruction = null; });
$("start").addEventListener("click", () => { studio.pendingInstruction = null; });
loadInfo().catch(e => status(`cannot load the studio: ${e.message}`));
requestAnimationFrame(drawLoop);

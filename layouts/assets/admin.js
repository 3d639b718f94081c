// The moderation desk: talks to /api/moderation with the editor's token (kept in sessionStorage,
// for this tab only). Everything a reader wrote is put on the page with textContent, never as HTML.
import { buildItemForms, button, element, fill } from "./admin-forms.js";

const main = document.querySelector("main.admin");
const t = JSON.parse(main.dataset.strings);
const d = JSON.parse(main.dataset.desk);
const login = document.getElementById("admin-login");
const queue = document.getElementById("admin-queue");
const list = document.getElementById("admin-list");
const message = document.getElementById("admin-message");
const undoButton = document.getElementById("desk-undo");
const logout = document.getElementById("admin-logout");
const selectAll = document.getElementById("desk-select-all");
const loginMessage = document.getElementById("admin-login-message");
const TOKEN_KEY = "bantin-moderation-token";
const DONE = { approved: d.doneApproved, rejected: d.doneRejected, pending: d.donePending };
const VERB = { approved: "approve", rejected: "reject", pending: "reopen" };
let tab = "waiting";
let items = [];
let current = 0;
let undo = null;
let newsroomName = "";

async function api(path, init = {}) {
  const headers = { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`, accept: "application/json" };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`/api/moderation${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    signOut(t.unauthorized);
    throw new Error(t.unauthorized);
  }
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

/** Shows a short confirmation; with `undoAction`, an undo button for as long as it is shown. */
function confirmDone(text, undoAction = null) {
  message.textContent = text;
  undo = undoAction;
  undoButton.hidden = !undoAction;
}

function fail(error) {
  confirmDone(fill(t.failed, { reason: error.message }));
}

function renderText(comment) {
  const text = element("p", "admin-text");
  for (const segment of comment.segments) text.append(segment.mark ? element("mark", "", segment.text) : segment.text);
  return text;
}

/** Runs an editor's action; says `done` (when given) and reloads the list, or says what failed. */
async function send(action, done) {
  try {
    await action();
    // Said once the list shows the change, so that what the editor does next acts on the new list.
    await load();
    if (done) confirmDone(done);
  } catch (error) {
    fail(error);
  }
}

/** Opens one of an item's forms (closing the others) and puts the cursor in its first field. */
function open(item, form) {
  for (const other of item.querySelectorAll(".desk-form")) other.hidden = other !== form;
  form.querySelector("input, textarea, select")?.focus();
}

function renderComment(comment, index) {
  const item = element("li", `admin-item desk-item status-${comment.status}`);
  item.dataset.id = comment.id;
  item.tabIndex = -1;
  item.addEventListener("focusin", () => setCurrent(index, false));
  const head = element("div", "desk-head");
  const check = element("input", "desk-select");
  check.type = "checkbox";
  check.value = comment.id;
  check.setAttribute("aria-label", fill(d.select, { name: comment.name }));
  const pick = element("label", "desk-check");
  pick.append(check);
  const title = element(comment.article.url ? "a" : "span", "admin-article", comment.article.title);
  if (comment.article.url) title.href = comment.article.url;
  const heading = element("h3", "desk-title");
  heading.append(title);
  head.append(pick, heading);
  const meta = element("p", "admin-meta");
  meta.append(element("strong", "admin-name", comment.name), " · ");
  if (comment.author === "newsroom") meta.append(element("span", "desk-badge", d.newsroom), " · ");
  else {
    const mail = element("a", "admin-email", comment.email);
    mail.href = `mailto:${comment.email}`;
    meta.append(mail, " · ");
  }
  const time = element("time", "", comment.dateLine);
  time.dateTime = comment.createdAt;
  meta.append(time, " · ", element("span", "admin-status", d[comment.tab] ?? comment.status));
  item.append(head, meta);
  if (comment.parent) {
    const quote = element("blockquote", "desk-parent");
    quote.append(
      element("p", "desk-parent-name", fill(d.replyTo, { name: comment.parent.name })),
      element("p", "admin-text", comment.parent.content),
    );
    item.append(quote);
  }
  item.append(renderText(comment));
  if (comment.flags.length) item.append(element("p", "desk-flags", fill(d.flags, { words: comment.flags.join(", ") })));
  if (comment.edited) {
    const edited = element("details", "desk-edited");
    edited.append(element("summary", "", fill(d.edited, { by: comment.edited.by, at: comment.edited.dateLine })));
    edited.append(
      element("p", "desk-original-title", `${d.original}: ${comment.edited.original.name}`),
      element("p", "admin-text", comment.edited.original.content),
    );
    item.append(edited);
  }
  const forms = buildItemForms(comment, d, newsroomName, {
    edit: (body) => send(() => api(`/comments/${comment.id}`, { method: "PATCH", json: body }), d.doneEdited),
    reply: (text) => send(() => api(`/comments/${comment.id}/reply`, { method: "POST", json: { text } }), d.doneAnswered),
    block: (kind, days, form) =>
      send(async () => {
        const { block } = await api(`/comments/${comment.id}/block`, { method: "POST", json: { kind, days } });
        form.hidden = true;
        confirmDone(fill(d.doneBlocked, { until: block.untilLine }), async () => {
          await api(`/comments/${comment.id}/block?kind=${block.kind}`, { method: "DELETE" });
          confirmDone(d.undone);
        });
      }),
  });
  const actions = element("p", "admin-actions desk-actions");
  if (comment.status !== "approved")
    actions.append(button(t.approve, "desk-primary admin-approve", () => decide([comment.id], "approved")));
  if (comment.status !== "rejected") actions.append(button(t.reject, "admin-reject", () => decide([comment.id], "rejected")));
  actions.append(button(d.edit, "desk-edit-open", () => open(item, forms.edit)));
  if (comment.status === "approved" && !comment.replyTo) actions.append(button(d.reply, "desk-reply-open", () => open(item, forms.reply)));
  if (comment.author !== "newsroom") actions.append(button(d.block, "desk-block-open", () => open(item, forms.block)));
  actions.append(button(t.remove, "desk-danger admin-delete", () => remove(comment.id)));
  item.append(actions, forms.edit, forms.reply, forms.block);
  return item;
}

function setCurrent(index, focus = true) {
  const nodes = list.children;
  if (!nodes.length) return;
  current = Math.max(0, Math.min(index, nodes.length - 1));
  for (const [i, node] of [...nodes].entries()) node.classList.toggle("is-current", i === current);
  if (focus) nodes[current].focus();
}

async function load() {
  const body = await api(`/comments?tab=${tab}`);
  items = body.comments;
  newsroomName = body.newsroomName;
  for (const [name, count] of Object.entries(body.counts)) document.querySelector(`[data-count="${name}"]`).textContent = String(count);
  for (const node of document.querySelectorAll(".desk-tab")) node.setAttribute("aria-pressed", String(node.dataset.tab === tab));
  // Boxes ticked while the list was loading stay ticked on the items that are still there.
  const ticked = new Set(selectedIds());
  list.replaceChildren(...items.map(renderComment));
  for (const box of list.querySelectorAll(".desk-select")) box.checked = ticked.has(box.value);
  selectAll.checked = false;
  if (!items.length) list.append(element("li", "desk-empty", t.empty));
  else setCurrent(current, false);
}

/** Decides `ids`, says so, and offers to undo: each goes back to the status it had. */
async function decide(ids, status) {
  const before = new Map(items.filter((item) => ids.includes(item.id)).map((item) => [item.id, item.status]));
  try {
    await api(`/comments/${VERB[status]}`, { method: "POST", json: { ids } });
    const done = ids.length > 1 ? fill(d.doneMany, { done: DONE[status], count: ids.length }) : DONE[status];
    confirmDone(done, async () => {
      for (const previous of new Set(before.values())) {
        await api(`/comments/${VERB[previous]}`, {
          method: "POST",
          json: { ids: [...before].filter(([, s]) => s === previous).map(([id]) => id) },
        });
      }
      confirmDone(d.undone);
    });
    await load();
  } catch (error) {
    fail(error);
    await load().catch(() => {});
  }
}

async function remove(id) {
  if (!confirm(t.confirmRemove)) return;
  try {
    await api(`/comments/${id}`, { method: "DELETE" });
    confirmDone(d.doneDeleted);
    await load();
  } catch (error) {
    fail(error);
  }
}

function selectedIds() {
  return [...list.querySelectorAll(".desk-select:checked")].map((box) => box.value);
}

function bulk(status) {
  const ids = selectedIds();
  if (!ids.length) confirmDone(d.noneSelected);
  else decide(ids, status);
}

function signOut(reason = "") {
  sessionStorage.removeItem(TOKEN_KEY);
  queue.hidden = true;
  logout.hidden = true;
  login.hidden = false;
  list.replaceChildren();
  confirmDone("");
  loginMessage.textContent = reason;
}

async function start() {
  login.hidden = true;
  queue.hidden = false;
  logout.hidden = false;
  loginMessage.textContent = "";
  await load().catch(fail);
}

login.addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById("admin-token").value.trim());
  document.getElementById("admin-token").value = "";
  start();
});
for (const node of document.querySelectorAll(".desk-tab")) {
  node.addEventListener("click", () => {
    tab = node.dataset.tab;
    current = 0;
    confirmDone("");
    load().catch(fail);
  });
}
selectAll.addEventListener("change", () => {
  for (const box of list.querySelectorAll(".desk-select")) box.checked = selectAll.checked;
});
document.getElementById("desk-bulk-approve").addEventListener("click", () => bulk("approved"));
document.getElementById("desk-bulk-reject").addEventListener("click", () => bulk("rejected"));
document.getElementById("admin-refresh").addEventListener("click", () => load().catch(fail));
undoButton.addEventListener("click", async () => {
  const action = undo;
  confirmDone("");
  try {
    await action?.();
    await load();
  } catch (error) {
    fail(error);
  }
});
logout.addEventListener("click", () => signOut());
document.addEventListener("keydown", (event) => {
  if (queue.hidden || event.ctrlKey || event.metaKey || event.altKey) return;
  // Typing in a field is typing, not a shortcut.
  if (event.target.matches?.("input, textarea, select")) return;
  const item = items[current];
  const node = list.children[current];
  if (event.key === "j") setCurrent(current + 1);
  else if (event.key === "k") setCurrent(current - 1);
  else if (event.key === "a" && item && item.status !== "approved") decide([item.id], "approved");
  else if (event.key === "r" && item && item.status !== "rejected") decide([item.id], "rejected");
  else if (event.key === "e" && item) open(node, node.querySelector(".desk-edit"));
  else return;
  event.preventDefault();
});
if (sessionStorage.getItem(TOKEN_KEY)) start();

// The moderation desk: talks to /api/moderation with the editor's token (kept in sessionStorage,
// for this tab only). Everything a reader wrote is put on the page with textContent, never as HTML.
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

const fill = (pattern, values) => pattern.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

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

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label, className, onClick) {
  const node = element("button", `desk-button ${className}`, label);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
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

/** A labelled field for the item's forms. */
function field(labelText, control, id) {
  const wrap = element("p", "desk-field");
  const label = element("label", "", labelText);
  control.id = id;
  label.htmlFor = id;
  wrap.append(label, control);
  return wrap;
}

function renderText(comment) {
  const text = element("p", "admin-text");
  for (const segment of comment.segments) text.append(segment.mark ? element("mark", "", segment.text) : segment.text);
  return text;
}

function editForm(comment) {
  const form = element("form", "desk-form desk-edit");
  form.hidden = true;
  const name = element("input");
  name.value = comment.name;
  name.required = true;
  const content = element("textarea");
  content.value = comment.content;
  content.rows = 5;
  content.required = true;
  const save = element("button", "desk-button desk-primary", d.save);
  save.type = "submit";
  form.append(
    field(d.name, name, `desk-name-${comment.id}`),
    field(d.content, content, `desk-content-${comment.id}`),
    element("p", "desk-actions"),
  );
  form.lastChild.append(
    save,
    button(d.cancel, "", () => (form.hidden = true)),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api(`/comments/${comment.id}`, { method: "PATCH", json: { name: name.value, content: content.value } });
      confirmDone(d.doneEdited);
      await load();
    } catch (error) {
      fail(error);
    }
  });
  return form;
}

function replyForm(comment) {
  const form = element("form", "desk-form desk-reply");
  form.hidden = true;
  const text = element("textarea");
  text.rows = 4;
  text.required = true;
  const post = element("button", "desk-button desk-primary", d.postReply);
  post.type = "submit";
  form.append(field(fill(d.replyLabel, { newsroom: newsroomName }), text, `desk-reply-${comment.id}`), element("p", "desk-actions"));
  form.lastChild.append(
    post,
    button(d.cancel, "", () => (form.hidden = true)),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api(`/comments/${comment.id}/reply`, { method: "POST", json: { text: text.value } });
      confirmDone(d.doneAnswered);
      await load();
    } catch (error) {
      fail(error);
    }
  });
  return form;
}

function blockForm(comment) {
  const form = element("form", "desk-form desk-block");
  form.hidden = true;
  const kind = element("select");
  const kinds = comment.clientKnown ? [["client", d.blockClient]] : [];
  for (const [value, label] of [...kinds, ["email", d.blockEmail]]) {
    const option = element("option", "", label);
    option.value = value;
    kind.append(option);
  }
  const days = element("input");
  days.type = "number";
  days.min = "1";
  days.max = "3650";
  days.value = "30";
  const submit = element("button", "desk-button desk-danger", d.blockSubmit);
  submit.type = "submit";
  form.append(field(d.blockWhat, kind, `desk-block-kind-${comment.id}`), field(d.blockDays, days, `desk-block-days-${comment.id}`));
  form.append(element("p", "desk-actions"));
  form.lastChild.append(
    submit,
    button(d.cancel, "", () => (form.hidden = true)),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const { block } = await api(`/comments/${comment.id}/block`, {
        method: "POST",
        json: { kind: kind.value, days: Number(days.value) },
      });
      const until = block.untilLine;
      confirmDone(fill(d.doneBlocked, { until }), async () => {
        await api(`/comments/${comment.id}/block?kind=${block.kind}`, { method: "DELETE" });
        confirmDone(d.undone);
      });
      form.hidden = true;
    } catch (error) {
      fail(error);
    }
  });
  return form;
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
  const forms = [editForm(comment), replyForm(comment), blockForm(comment)];
  const actions = element("p", "admin-actions desk-actions");
  if (comment.status !== "approved")
    actions.append(button(t.approve, "desk-primary admin-approve", () => decide([comment.id], "approved")));
  if (comment.status !== "rejected") actions.append(button(t.reject, "admin-reject", () => decide([comment.id], "rejected")));
  actions.append(button(d.edit, "desk-edit-open", () => open(item, forms[0])));
  if (comment.status === "approved" && !comment.replyTo) actions.append(button(d.reply, "desk-reply-open", () => open(item, forms[1])));
  if (comment.author !== "newsroom") actions.append(button(d.block, "desk-block-open", () => open(item, forms[2])));
  actions.append(button(t.remove, "desk-danger admin-delete", () => remove(comment.id)));
  item.append(actions, ...forms);
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
  list.replaceChildren(...items.map(renderComment));
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

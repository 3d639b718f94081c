// The moderation page: talks to /api/moderation with the editor's token (kept for this tab only).
// Everything a reader wrote is put on the page with textContent, never as HTML.
const main = document.querySelector("main.admin");
const t = JSON.parse(main.dataset.strings);
const login = document.getElementById("admin-login");
const queue = document.getElementById("admin-queue");
const list = document.getElementById("admin-list");
const message = document.getElementById("admin-message");
const statusSelect = document.getElementById("admin-status");
const loginMessage = document.getElementById("admin-login-message");
const TOKEN_KEY = "bantin-moderation-token";
let articles = {};

const fill = (pattern, values) => pattern.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

async function api(path, init = {}) {
  const response = await fetch(`/api/moderation${path}`, {
    ...init,
    headers: { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`, accept: "application/json" },
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

function renderComment(comment) {
  const item = element("li", `admin-item status-${comment.status}`);
  item.dataset.id = comment.id;
  const head = element("p", "admin-meta");
  head.append(element("strong", "admin-name", comment.name), " · ");
  const mail = element("a", "admin-email", comment.email);
  mail.href = `mailto:${comment.email}`;
  head.append(mail, " · ");
  const target = articles[comment.slug];
  const link = element("a", "admin-article", comment.slug);
  if (target) link.href = target.url;
  head.append(link, " · ", element("time", "", new Date(comment.createdAt).toLocaleString(document.documentElement.lang)));
  head.append(" · ", element("span", "admin-status", t[comment.status] ?? comment.status));
  const text = element("p", "admin-text", comment.content);
  const actions = element("p", "admin-actions");
  for (const [action, label] of [
    ["approve", t.approve],
    ["reject", t.reject],
    ["delete", t.remove],
  ]) {
    const button = element("button", `admin-${action}`, label);
    button.type = "button";
    button.addEventListener("click", () => act(comment.id, action));
    actions.append(button);
  }
  item.append(head, text, actions);
  return item;
}

async function load() {
  message.textContent = "";
  const status = statusSelect.value;
  const { comments } = await api(`/comments${status ? `?status=${status}` : ""}`);
  list.replaceChildren(...comments.map(renderComment));
  message.textContent = comments.length ? fill(t.count, { count: comments.length }) : t.empty;
}

async function act(id, action) {
  if (action === "delete" && !confirm(t.confirmRemove)) return;
  try {
    const init = action === "delete" ? { method: "DELETE" } : { method: "POST" };
    await api(action === "delete" ? `/comments/${id}` : `/comments/${id}/${action}`, init);
    await load();
  } catch (error) {
    message.textContent = fill(t.failed, { reason: error.message });
  }
}

function signOut(reason = "") {
  sessionStorage.removeItem(TOKEN_KEY);
  queue.hidden = true;
  login.hidden = false;
  message.textContent = "";
  loginMessage.textContent = reason;
}

async function start() {
  login.hidden = true;
  queue.hidden = false;
  loginMessage.textContent = "";
  articles = (
    await fetch("/comment-manifest.json")
      .then((r) => r.json())
      .catch(() => ({ articles: {} }))
  ).articles;
  await load().catch((error) => (message.textContent = fill(t.failed, { reason: error.message })));
}

login.addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById("admin-token").value.trim());
  start();
});
statusSelect.addEventListener("change", () => load().catch((error) => (message.textContent = fill(t.failed, { reason: error.message }))));
document.getElementById("admin-refresh").addEventListener("click", () => load().catch(() => {}));
document.getElementById("admin-logout").addEventListener("click", () => signOut());
if (sessionStorage.getItem(TOKEN_KEY)) start();

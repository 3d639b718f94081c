// Optional enhancement: sends the comment form and each reply form as JSON and answers in place,
// without leaving the page, and puts the cursor in a reply form when it is opened. Without this
// script (or if it fails) every form posts normally and the server answers.
const notice = document.getElementById("binh-luan-da-gui");

function clearErrors(form) {
  for (const node of form.querySelectorAll(".field-error")) node.remove();
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

function showError(form, index, name, message) {
  const control = form.elements.namedItem(name);
  const note = document.createElement("small");
  note.className = "field-error";
  // One page holds several forms: the index keeps each note's id unique.
  note.id = `err-${index}-${name}`;
  note.textContent = message;
  if (control instanceof HTMLElement && control.type !== "hidden") {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", note.id);
    control.after(note);
  } else {
    form.prepend(note);
  }
}

function enhance(form, index) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    clearErrors(form);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
      });
      const answer = await response.json();
      if (response.ok) {
        form.reset();
        const details = form.closest("details");
        if (details) details.open = false;
        notice.classList.add("is-shown");
        notice.setAttribute("tabindex", "-1");
        notice.focus();
      } else {
        const fields = Object.entries(answer.fields ?? {});
        if (fields.length === 0) showError(form, index, "form", answer.error);
        for (const [name, message] of fields) showError(form, index, name, message);
      }
    } catch {
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
}

if (notice && window.fetch) {
  for (const [index, form] of document.querySelectorAll("form.comment-form").entries()) enhance(form, index);
}

// Opening "Trả lời" puts the cursor in the reply form's first field.
for (const details of document.querySelectorAll("details.reply")) {
  details.addEventListener("toggle", () => {
    if (details.open) details.querySelector("input[name=name]")?.focus();
  });
}

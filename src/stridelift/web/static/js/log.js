// The Log page's upload: files dropped on the zone go into the file input, files over the
// size limit are named before anything is sent, and the bar shows the upload's progress.
// Without this script the form still posts the chosen files as a normal upload.
(function () {
  "use strict";
  var form = document.querySelector("form.upload");
  if (!form) { return; }
  var input = form.querySelector("input[type=file]");
  var zone = form.querySelector(".drop");
  var bar = document.getElementById("upload-progress");
  var maxBytes = Number(form.dataset.maxMb) * 1024 * 1024;

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  form.addEventListener("htmx:confirm", function (event) {
    var big = Array.prototype.filter.call(input.files, function (f) { return f.size > maxBytes; });
    if (!big.length) { return; }
    event.preventDefault();
    var result = document.getElementById("upload-result");
    var list = document.createElement("ul");
    list.className = "results";
    big.forEach(function (f) {
      var line = document.createElement("li");
      line.className = "result failed";
      line.textContent = "Refused: " + f.name + ": " + (f.size / 1048576).toFixed(1) +
        " MB is over the " + form.dataset.maxMb + " MB limit per file; nothing was sent";
      list.appendChild(line);
    });
    result.replaceChildren(list);
  });
  form.addEventListener("htmx:xhr:progress", function (event) {
    if (event.detail.lengthComputable) {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
  form.addEventListener("htmx:afterRequest", function () {
    bar.value = 0;
    input.value = "";
  });
})();

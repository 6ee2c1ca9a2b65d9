// "Læs op": one big button plays the task text (the plain audio player stays without JavaScript).
document.querySelectorAll(".laes-op").forEach((box) => {
  if (box.dataset.klar) return;
  box.dataset.klar = "1";
  const button = box.querySelector(".laes-op-knap");
  const audio = box.querySelector(".laes-op-lyd");
  const label = button.querySelector("span");
  audio.hidden = true;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (audio.paused) { audio.play(); } else { audio.pause(); audio.currentTime = 0; }
  });
  audio.addEventListener("play", () => { label.textContent = "Stop"; });
  const reset = () => { label.textContent = "Læs op"; };
  audio.addEventListener("pause", reset);
  audio.addEventListener("ended", reset);
});

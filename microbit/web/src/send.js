// "Send til micro:bit" over WebUSB (Chrome/Edge), bundled by build.sh with esbuild.
// The page itself decides whether to offer this button (navigator.usb) or the
// .hex download; this module only does the flashing and reports progress.
import { createUSBConnection } from "@microbit/microbit-connection/usb";
import { createUniversalHexFlashDataSource } from "@microbit/microbit-connection/universal-hex";

let connection = null;

async function connected() {
  if (connection === null) {
    connection = createUSBConnection();
  }
  if (connection.status !== "Connected") {
    await connection.connect(); // the browser asks the pupil to pick the micro:bit
  }
  return connection;
}

// Flash a Universal Hex; progress(percent) is called while flashing.
export async function sendToMicrobit(universalHex, progress) {
  const usb = await connected();
  await usb.flash(createUniversalHexFlashDataSource(universalHex), {
    partial: true,
    progress: (stage, percentage) => progress(stage, percentage),
  });
}

window.kodefagMicrobit = { sendToMicrobit };
window.dispatchEvent(new Event("kodefag-microbit-ready"));

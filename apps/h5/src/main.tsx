import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./i18n/index.ts";
import "./lib/elder-mode.ts";
import "./styles.css";
import "./styles/booking.css";
import "./styles/orders.css";
import "./styles/alarms.css";
import { App } from "./App.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The one piece of state the package's modules share: the language of error
// messages. `setLanguage` sets it in the form module (which checks the code),
// and in each module loaded later (province, workbook) now or when it loads.
// And what a function of a module not loaded yet throws.
import { notLoaded, setLanguage as setFormLanguage } from "./pkg/binhdang.js";

// What setLanguage chose, for the modules loaded after it.
let language;
// Each loaded module's own setLanguage.
const loaded = [];

/** Called by a module's loader once it is ready: it speaks the chosen language from then on. */
export function moduleLoaded(setModuleLanguage) {
  loaded.push(setModuleLanguage);
  if (language !== undefined) setModuleLanguage(language);
}

export function setLanguage(code) {
  setFormLanguage(code); // throws a BinhdangError for a code that is not a language
  language = code;
  for (const set of loaded) set(code);
}

/**
 * `fn`, a function of the module that `init` loads: until `isLoaded()`, a
 * call throws the form module's BinhdangError naming `init` (the core's
 * sentence, in the chosen language), where the module's glue would throw a
 * TypeError about an undefined property.
 */
export function whenLoaded(fn, isLoaded, init) {
  return (...args) => {
    if (!isLoaded()) throw notLoaded(init);
    return fn(...args);
  };
}

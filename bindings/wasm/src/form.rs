//! The form module (`pkg/binhdang_bg.wasm`): what a portal's form needs,
//! loaded with every form, so nothing else.

use binhdang::api::{self, ApiError};
use wasm_bindgen::prelude::*;

use crate::{
    as_of, check_options, context, err, input_bytes, limits, option, plan_text, to_js, ValidateOptions,
    VALIDATE_OPTIONS,
};

/// Validates one report (a form) against a plan. Never throws for anything in the report.
#[wasm_bindgen(js_name = validateReport, unchecked_return_type = "Finding[]")]
pub fn validate_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    options: Option<ValidateOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, VALIDATE_OPTIONS)?;
    let when = as_of(&option(&options, "asOf"), "options.asOf", true)?;
    let earlier = context(&options)?;
    // The plan is read once per text (the core keeps the last few).
    to_js(
        &api::validate_report(&plan_text(&plan)?, input_bytes(&report), when, &earlier, &limits(&options)?)
            .map_err(err)?,
    )
}

/// A plan read once, to check forms against as they are typed: much faster
/// than `validateReport`, which reads the plan on every call.
#[wasm_bindgen]
pub struct Checker {
    inner: api::Checker,
}

#[wasm_bindgen]
impl Checker {
    /// Reads the plan; throws `BinhdangError` when it cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue) -> Result<Checker, JsValue> {
        Ok(Checker { inner: api::Checker::new(&plan_text(&plan)?).map_err(err)? })
    }

    /// Validates one report (a form). Never throws for anything in the report.
    #[wasm_bindgen(js_name = validateReport, unchecked_return_type = "Finding[]")]
    pub fn validate_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
        options: Option<ValidateOptions>,
    ) -> Result<JsValue, JsValue> {
        check_options(&options, VALIDATE_OPTIONS)?;
        let when = as_of(&option(&options, "asOf"), "options.asOf", true)?;
        let earlier = context(&options)?;
        to_js(&self.inner.validate_report(input_bytes(&report), when, &earlier, &limits(&options)?))
    }
}

/// Reads a report the way every check reads it (strict JSON, text in NFC,
/// unknown fields kept) and returns it: what a portal stores after a form
/// is typed. Throws `BinhdangError` with the findings when it cannot be read.
#[wasm_bindgen(js_name = loadReport, unchecked_return_type = "Report")]
pub fn load_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&api::load_report(input_bytes(&report)).map_err(err)?)
}

/// What a person typed in a date field, as the report's ISO date
/// (`4/12/2024` → `2024-12-04`); throws `BinhdangError` with the finding otherwise.
#[wasm_bindgen(js_name = parseDate)]
pub fn parse_date(text: &str) -> Result<String, JsValue> {
    Ok(api::parse_date(text).map_err(err)?.iso())
}

/// What a person typed in a number field, as a number (`1.234` → 1234,
/// `75,5` → 75.5); throws `BinhdangError` with the finding otherwise.
#[wasm_bindgen(js_name = parseNumber)]
pub fn parse_number(text: &str) -> Result<f64, JsValue> {
    api::parse_number(text).map_err(err)
}

/// The file name of the published schema `name` (`plan.schema.json`), which
/// the package ships beside its entry; a `BinhdangError` for a name that is
/// not a schema's. Used by the package's `schema(name)`, which reads the file.
#[wasm_bindgen(js_name = schemaFile, skip_typescript)]
pub fn schema_file(name: &str) -> Result<String, JsValue> {
    match binhdang::schema::NAMES.iter().find(|n| **n == name) {
        Some(n) => Ok(format!("{n}.schema.json")),
        None => Err(err(ApiError::Schema(name.to_string()))),
    }
}

/// What a function of the province or workbook module throws before the
/// page has loaded that module (language.js): a `BinhdangError` with the
/// core's sentence naming `init`, the call that loads it.
#[wasm_bindgen(js_name = notLoaded, skip_typescript)]
pub fn not_loaded(init: &str) -> JsValue {
    crate::call_error(binhdang::messages::module_not_loaded(init))
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

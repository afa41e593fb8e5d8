/**
 * The API model's input constraints (required, length, pattern, range, enum), applied by core to every
 * decoded request before a provider runs, over HTTP and in-process, and answered in each service's
 * own wording; services keep only the checks the model does not express.
 */
package io.gureum.core.validation;

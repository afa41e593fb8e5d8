/** The distribution's Logback set-up, in code (see {@link io.gureum.core.logging.ConsoleLogging}). */
package io.gureum.core.logging;

/**
 * Init hooks: scripts that run once the server is ready, with the AWS CLI pointed at it, so a team can
 * seed an environment the way LocalStack's {@code ready.d} scripts do.
 */
package io.gureum.core.init;

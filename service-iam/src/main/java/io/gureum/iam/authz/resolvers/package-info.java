/**
 * Per-API {@link io.gureum.iam.authz.ResourceResolver}s: how one API's request members fill the variables of
 * its resources' ARN templates where the member is not simply named after the variable.
 */
package io.gureum.iam.authz.resolvers;

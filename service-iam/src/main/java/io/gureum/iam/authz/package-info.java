/**
 * The pieces of IAM's authorizer that know nothing of IAM's store: the action table (every served operation's
 * IAM action, resource ARN templates and condition keys, from {@code META-INF/gureum/iam/actions/<api>.json}), the
 * filling of ARN templates from request fields (with small per-API resolvers), the request's global condition
 * keys, the denials in each protocol's words, and the ring of recent decisions. ADR 0015 describes the pipeline.
 */
package io.gureum.iam.authz;

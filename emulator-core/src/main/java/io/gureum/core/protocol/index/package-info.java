/**
 * The operation index: each service's operations, wire names, HTTP bindings and modeled errors, read
 * from the AWS SDK v2 model metadata at build time so that start-up loads no model class; and
 * {@link io.gureum.core.protocol.index.ApiConstraints}, what the SDK metadata lacks (input constraints,
 * REST success codes, empty query results), generated from botocore's models by
 * {@code scripts/generate-constraints.py}.
 *
 * <p><b>Core internal:</b> services never use this package (docs/INVARIANTS.md, ArchitectureTest).
 */
package io.gureum.core.protocol.index;

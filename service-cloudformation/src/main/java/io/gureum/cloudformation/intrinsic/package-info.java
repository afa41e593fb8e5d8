/** Intrinsic and condition functions, evaluated over a {@link io.gureum.cloudformation.intrinsic.Scope}. */
package io.gureum.cloudformation.intrinsic;

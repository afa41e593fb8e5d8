/** Gureum's entry points: {@link io.gureum.core.Gureum#start} for embedding and {@link io.gureum.core.Main} for the CLI. */
package io.gureum.core;

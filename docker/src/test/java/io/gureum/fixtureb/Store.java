package io.gureum.fixtureb;

/** Another "service"'s store, for ArchitectureTest's self-check. */
public final class Store {
}

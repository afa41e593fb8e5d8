package io.gureum.fixturea;

/** A "service" class that reaches into another service and into core's dispatcher: ArchitectureTest must refuse it. */
public final class Reacher {
    public Object reach() {
        return new io.gureum.fixtureb.Store() + " " + io.gureum.core.dispatch.ServiceRegistry.class;
    }
}

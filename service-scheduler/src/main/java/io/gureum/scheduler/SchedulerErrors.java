package io.gureum.scheduler;

import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/** The Scheduler errors beyond the model's constraints (which core answers as {@code ValidationException}). */
final class SchedulerErrors {
    private SchedulerErrors() {
    }

    static ResourceNotFoundException noSchedule(String name) {
        return ModeledErrors.of(ResourceNotFoundException.class, "Schedule " + name + " does not exist.");
    }

    static ResourceNotFoundException noGroup(String name) {
        return ModeledErrors.of(ResourceNotFoundException.class, "Schedule group " + name + " does not exist.");
    }

    static ConflictException scheduleExists(String name) {
        return ModeledErrors.of(ConflictException.class, "Schedule " + name + " already exists.");
    }

    static ConflictException groupExists(String name) {
        return ModeledErrors.of(ConflictException.class, "Schedule group " + name + " already exists.");
    }

    static ConflictException tokenReused() {
        return ModeledErrors.of(ConflictException.class,
                "The ClientToken was already used for a different request.");
    }

    static ValidationException invalid(String message) {
        return ModeledErrors.of(ValidationException.class, message);
    }
}

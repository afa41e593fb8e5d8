package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.protocol.RequestContext;

/** Finds stacks of the caller's account and region by name (live stacks) or stack id (deleted ones too). */
final class StackLookup {
    private final CloudFormationState state;

    StackLookup(CloudFormationState state) {
        this.state = state;
    }

    CloudFormationState.Region region() {
        RequestContext rc = RequestContext.current();
        return state.region(rc.accountId(), rc.region());
    }

    /** The stack, or null. */
    StackRecord find(String nameOrId) {
        CloudFormationState.Region region = region();
        if (nameOrId.startsWith("arn:")) {
            return region.stacks.get(nameOrId);
        }
        String id = region.liveByName.get(nameOrId);
        return id == null ? null : region.stacks.get(id);
    }

    /** The stack; {@code ValidationError} "Stack with id X does not exist" when none. */
    StackRecord require(String nameOrId) {
        StackRecord s = find(nameOrId);
        if (s == null) {
            throw TemplateError.validation("Stack with id " + nameOrId + " does not exist");
        }
        return s;
    }

    /** A live stack (not deleted); the same error for a deleted one. */
    StackRecord requireLive(String nameOrId) {
        StackRecord s = require(nameOrId);
        if (s.deleted()) {
            throw TemplateError.validation("Stack with id " + nameOrId + " does not exist");
        }
        return s;
    }
}

package io.gureum.cloudformation.resource.lambda;

import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** What the Lambda handlers share. */
final class LambdaSupport {
    private LambdaSupport() {
    }

    /** Runs a delete call; a function, version, alias, statement or mapping already gone counts as deleted. */
    static void deleting(Runnable call) {
        try {
            call.run();
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}

package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;

class DeletionProtectionIT extends LogsTestSupport {
    private static final String PROTECTED =
            "Cannot delete log group with deletion protection enabled. Disable deletion protection first.";

    private static LogGroup describe(String group) {
        return logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0);
    }

    @Test
    void protectedAtCreationUntilDisabled() {
        String group = unique("/dp/create");
        logs.createLogGroup(b -> b.logGroupName(group).deletionProtectionEnabled(true));
        assertTrue(describe(group).deletionProtectionEnabled());
        assertError(ValidationException.class, "ValidationException", 400, PROTECTED,
                () -> logs.deleteLogGroup(b -> b.logGroupName(group)));
        assertEquals(group, describe(group).logGroupName());

        logs.putLogGroupDeletionProtection(b -> b.logGroupIdentifier(group).deletionProtectionEnabled(false));
        assertFalse(describe(group).deletionProtectionEnabled());
        logs.deleteLogGroup(b -> b.logGroupName(group));
        assertEquals(0, logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().size());
    }

    @Test
    void enabledLaterByArn() {
        String group = unique("/dp/arn");
        logs.createLogGroup(b -> b.logGroupName(group));
        assertFalse(describe(group).deletionProtectionEnabled());
        // logGroupIdentifier takes logGroupArn, "the version of the ARN [that] doesn't include a trailing :*"
        // (API_LogGroup.html); the model's pattern [\w#+=/:,.@-]* refuses the other one.
        String wildcard = describe(group).arn();
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value '" + wildcard + "' at 'logGroupIdentifier' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*",
                () -> logs.putLogGroupDeletionProtection(b -> b.logGroupIdentifier(wildcard)
                        .deletionProtectionEnabled(true)));
        String arn = describe(group).logGroupArn();
        logs.putLogGroupDeletionProtection(b -> b.logGroupIdentifier(arn).deletionProtectionEnabled(true));
        assertError(ValidationException.class, "ValidationException", 400, PROTECTED,
                () -> logs.deleteLogGroup(b -> b.logGroupName(group)));
    }

    @Test
    void missingGroup() {
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.putLogGroupDeletionProtection(b -> b.logGroupIdentifier(unique("/dp/none"))
                        .deletionProtectionEnabled(true)));
    }
}

package io.gureum.ec2common;

import io.gureum.core.protocol.RequestContext;
import java.util.regex.Pattern;

/**
 * The one exception to EC2's reserved {@code aws:} tag prefix: CloudFormation tags what a stack creates
 * with {@code aws:cloudformation:stack-name}, {@code aws:cloudformation:stack-id} and
 * {@code aws:cloudformation:logical-id}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html).
 * A call comes from CloudFormation when it is in-process and acts for a stack: its source ARN is the
 * stack's ARN. A request over HTTP never has a source ARN, so users keep getting the reserved-prefix
 * error.
 */
public final class CloudFormationTags {
    public static final String PREFIX = "aws:cloudformation:";
    private static final Pattern STACK_ARN = Pattern.compile("arn:[^:]+:cloudformation:[^:]+:\\d{12}:stack/.+");

    private CloudFormationTags() {
    }

    /** Whether {@code key} is a CloudFormation tag and the current call is CloudFormation acting for a stack. */
    public static boolean allowed(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return false;
        }
        RequestContext ctx = RequestContext.currentOrNull();
        return ctx != null && ctx.inProcess() && ctx.sourceArn() != null
                && STACK_ARN.matcher(ctx.sourceArn()).matches();
    }
}

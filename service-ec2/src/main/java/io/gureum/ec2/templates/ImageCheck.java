package io.gureum.ec2.templates;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ValidationError;
import software.amazon.awssdk.services.ec2.model.ValidationWarning;

/**
 * The checks EC2 makes of launch template data without refusing the template: a parameter that is not
 * valid comes back in the answer's {@code Warning} with its error code and message, and the template or
 * version is created anyway (API_CreateLaunchTemplate.html, "warning"). The image is looked up with
 * DescribeImages through the EC2 API itself; when no provider serves DescribeImages, nothing is checked.
 */
final class ImageCheck {
    private static final String SSM_ALIAS = "resolve:ssm:";

    private final ServiceContext context;

    ImageCheck(ServiceContext context) {
        this.context = context;
    }

    /** The warning for {@code data}, or null when every check passes. Call holding no lock. */
    ValidationWarning warn(RequestLaunchTemplateData data) {
        List<ValidationError> errors = new ArrayList<>();
        String image = data.imageId();
        if (image != null && !image.startsWith(SSM_ALIAS)) {
            RequestContext ctx = RequestContext.current();
            Ec2Client ec2 = context.clients().client(Ec2Client.class,
                    Caller.service("ec2.amazonaws.com", ctx.accountId(), ctx.region(), null));
            try {
                if (ec2.describeImages(b -> b.imageIds(image)).images().isEmpty()) {
                    errors.add(ValidationError.builder().code("InvalidAMIID.NotFound")
                            .message("The image id '[" + image + "]' does not exist").build());
                }
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (code != null && code.startsWith("InvalidAMIID.")) {
                    errors.add(ValidationError.builder().code(code).message(e.awsErrorDetails().errorMessage()).build());
                } else {
                    throw e;
                }
            }
        }
        return errors.isEmpty() ? null : ValidationWarning.builder().errors(errors).build();
    }
}

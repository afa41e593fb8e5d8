package io.gureum.ec2.templates;

import io.gureum.core.error.AwsException;

/** Launch template errors as the EC2 error code reference and EC2 itself word them. */
final class TemplateErrors {
    private TemplateErrors() {
    }

    static AwsException nameInUse() {
        return new AwsException("InvalidLaunchTemplateName.AlreadyExistsException",
                "Launch template name already in use.", 400);
    }

    static AwsException malformedName() {
        return new AwsException("InvalidLaunchTemplateName.MalformedException",
                "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, "
                        + "and the following characters: - ( ) . / _.", 400);
    }

    static AwsException nameNotFound(String name) {
        return new AwsException("InvalidLaunchTemplateName.NotFoundException",
                "The specified launch template, with template name " + name + ", does not exist.", 400);
    }

    /** DescribeLaunchTemplates names no template in particular. */
    static AwsException someNameNotFound() {
        return new AwsException("InvalidLaunchTemplateName.NotFoundException",
                "At least one of the launch templates specified in the request does not exist.", 400);
    }

    static AwsException idNotFound(String id) {
        return new AwsException("InvalidLaunchTemplateId.NotFound",
                "The specified launch template, with template ID " + id + ", does not exist.", 400);
    }

    static AwsException malformedId(String id) {
        return new AwsException("InvalidLaunchTemplateId.Malformed",
                "The specified ID for the launch template, " + id + ", is malformed.", 400);
    }

    static AwsException versionNotFound(String version, String id) {
        return new AwsException("InvalidLaunchTemplateId.VersionNotFound",
                "Could not find the specified version " + version + " for the launch template with ID " + id + ".", 400);
    }

    static AwsException idempotentMismatch() {
        return new AwsException("IdempotentParameterMismatch",
                "The client token you have provided is associated with a resource that is already deleted or "
                        + "has different parameters.", 400);
    }
}

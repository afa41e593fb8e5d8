package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The registry operations on an account's own extensions, of which none can exist (RegisterType and ActivateType
 * answer 501): no registrations, unknown tokens and types, no configurations.
 */
class ExtensionsIT extends CloudFormationTestSupport {

    @Test
    void anAccountWithoutExtensionsHasNoRegistrationsTypesOrConfigurations() {
        assertTrue(cfn.listTypeRegistrations(b -> b.typeName("Acme::Widget::Thing").type("RESOURCE"))
                .registrationTokenList().isEmpty());
        fails(400, "CFNRegistryException", () -> cfn.describeTypeRegistration(b -> b.registrationToken(
                "f5525280-104e-4d35-bef5-8f1f1example")));
        fails(404, "TypeNotFoundException", () -> cfn.deregisterType(b -> b.typeName("Acme::Widget::Thing")
                .type("RESOURCE")));
        fails(404, "TypeNotFoundException", () -> cfn.deregisterType(b -> b.typeName("AWS::SQS::Queue")
                .type("RESOURCE")));
        fails(404, "TypeNotFoundException", () -> cfn.testType(b -> b.typeName("Acme::Widget::Thing")
                .type("RESOURCE")));
        fails(404, "TypeNotFoundException", () -> cfn.setTypeDefaultVersion(b -> b.typeName("Acme::Widget::Thing")
                .type("RESOURCE").versionId("00000002")));
        fails(404, "TypeNotFoundException", () -> cfn.deactivateType(b -> b.typeName("Acme::Widget::Thing")
                .type("RESOURCE")));
        fails(404, "TypeNotFoundException", () -> cfn.setTypeConfiguration(b -> b.typeName("Acme::Widget::Hook")
                .type("HOOK").configuration("{\"CloudFormationConfiguration\":{}}")));
        fails(404, "TypeConfigurationNotFoundException", () -> cfn.batchDescribeTypeConfigurations(b -> b
                .typeConfigurationIdentifiers(i -> i.typeName("Acme::Widget::Hook").type("HOOK"))));
        // PublishType needs a registered publisher first; then the type is the one missing.
        fails(400, "CFNRegistryException", () -> cfn.publishType(b -> b.typeName("Acme::Widget::Thing")
                .type("RESOURCE")));
        cfn.registerPublisher(b -> b.acceptTermsAndConditions(true));
        fails(404, "TypeNotFoundException", () -> cfn.publishType(b -> b.typeName("Acme::Widget::Thing")
                .type("RESOURCE")));
        // Registering or activating an extension would run third-party handler code: not emulated.
        fails(501, "NotImplemented", () -> cfn.registerType(b -> b.typeName("Acme::Widget::Thing")
                .schemaHandlerPackage("s3://bucket/package.zip")));
        fails(501, "NotImplemented", () -> cfn.activateType(b -> b.typeName("Acme::Widget::Thing")
                .type("RESOURCE").publisherId("0123456789abcdef0123456789abcdef01234567")));
    }
}

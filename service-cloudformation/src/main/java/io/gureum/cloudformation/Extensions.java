package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.BatchDescribeTypeConfigurationsRequest;
import software.amazon.awssdk.services.cloudformation.model.BatchDescribeTypeConfigurationsResponse;
import software.amazon.awssdk.services.cloudformation.model.CfnRegistryException;
import software.amazon.awssdk.services.cloudformation.model.DeactivateTypeRequest;
import software.amazon.awssdk.services.cloudformation.model.DeactivateTypeResponse;
import software.amazon.awssdk.services.cloudformation.model.DeregisterTypeRequest;
import software.amazon.awssdk.services.cloudformation.model.DeregisterTypeResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeTypeRegistrationRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeTypeRegistrationResponse;
import software.amazon.awssdk.services.cloudformation.model.ListTypeRegistrationsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListTypeRegistrationsResponse;
import software.amazon.awssdk.services.cloudformation.model.PublishTypeRequest;
import software.amazon.awssdk.services.cloudformation.model.PublishTypeResponse;
import software.amazon.awssdk.services.cloudformation.model.SetTypeConfigurationRequest;
import software.amazon.awssdk.services.cloudformation.model.SetTypeConfigurationResponse;
import software.amazon.awssdk.services.cloudformation.model.SetTypeDefaultVersionRequest;
import software.amazon.awssdk.services.cloudformation.model.SetTypeDefaultVersionResponse;
import software.amazon.awssdk.services.cloudformation.model.TestTypeRequest;
import software.amazon.awssdk.services.cloudformation.model.TestTypeResponse;
import software.amazon.awssdk.services.cloudformation.model.TypeConfigurationIdentifier;
import software.amazon.awssdk.services.cloudformation.model.TypeConfigurationNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.TypeNotFoundException;

/**
 * The registry operations on an account's own extensions: private ones (RegisterType) and activated public
 * third-party ones (ActivateType). Neither can exist here — RegisterType and ActivateType answer 501, since an
 * extension's handlers are third-party code Gureum cannot run — so these answer what AWS answers for an account
 * without such extensions: no registrations (ListTypeRegistrations), an unknown registration token
 * ({@code CFNRegistryException}), and {@code TypeNotFoundException} (404) for any type named to DeregisterType,
 * TestType, PublishType, SetTypeDefaultVersion, DeactivateType and SetTypeConfiguration (AWS's own public types
 * are not the account's extensions); BatchDescribeTypeConfigurations finds no configuration
 * ({@code TypeConfigurationNotFoundException}, 404).
 */
public final class Extensions {
    private final CloudFormationState state;

    Extensions(CloudFormationState state) {
        this.state = state;
    }

    private static RuntimeException notFound(String typeName, String arn) {
        return ModeledErrors.of(TypeNotFoundException.class, "The type '" + (typeName != null ? typeName : arn)
                + "' cannot be found.");
    }

    public ListTypeRegistrationsResponse listTypeRegistrations(ListTypeRegistrationsRequest r) {
        return ListTypeRegistrationsResponse.builder().registrationTokenList(List.of()).build();
    }

    public DescribeTypeRegistrationResponse describeTypeRegistration(DescribeTypeRegistrationRequest r) {
        throw ModeledErrors.of(CfnRegistryException.class, "Registration token " + r.registrationToken()
                + " not found");
    }

    public DeregisterTypeResponse deregisterType(DeregisterTypeRequest r) {
        throw notFound(r.typeName(), r.arn());
    }

    public TestTypeResponse testType(TestTypeRequest r) {
        throw notFound(r.typeName(), r.arn());
    }

    /** "To publish an extension, you must be registered as a publisher with CloudFormation" (PublishType). */
    public PublishTypeResponse publishType(PublishTypeRequest r) {
        if (!state.publishers.containsKey(RequestContext.current().accountId())) {
            throw ModeledErrors.of(CfnRegistryException.class, "Account " + RequestContext.current().accountId()
                    + " is not registered as a publisher");
        }
        throw notFound(r.typeName(), r.arn());
    }

    public SetTypeDefaultVersionResponse setTypeDefaultVersion(SetTypeDefaultVersionRequest r) {
        throw notFound(r.typeName(), r.arn());
    }

    public DeactivateTypeResponse deactivateType(DeactivateTypeRequest r) {
        throw notFound(r.typeName(), r.arn());
    }

    public SetTypeConfigurationResponse setTypeConfiguration(SetTypeConfigurationRequest r) {
        throw notFound(r.typeName(), r.typeArn());
    }

    public BatchDescribeTypeConfigurationsResponse batchDescribeTypeConfigurations(
            BatchDescribeTypeConfigurationsRequest r) {
        TypeConfigurationIdentifier first = r.typeConfigurationIdentifiers().isEmpty() ? null
                : r.typeConfigurationIdentifiers().get(0);
        String name = first == null ? "" : first.typeName() != null ? first.typeName() : first.typeArn();
        throw ModeledErrors.of(TypeConfigurationNotFoundException.class, "Type configuration of " + name
                + " not found");
    }
}

package io.gureum.cloudformation;

import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.protocol.index.ApiConstraints;
import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The model's required members, answered as CloudFormation's validation layer answers them
 * ({@code ValidationError} "1 validation error detected: Value null at 'stackName' failed to satisfy
 * constraint: Member must not be null"). Core's {@code ValidationPolicy} applies no policy to CloudFormation
 * yet; once it names {@code cloudformation} (with {@code ValidationError}, as for IAM), this check never
 * fires and can go.
 */
final class RequiredMembers implements OperationInterceptor {
    private final ApiConstraints constraints = ApiConstraints.load(RequiredMembers.class.getClassLoader(),
            "software.amazon.awssdk.services.cloudformation.CloudFormationClient");

    @Override
    public Object intercept(OperationCall call) throws Exception {
        ApiConstraints.OperationConstraints op = constraints.operation(call.operation());
        if (op != null && op.input() != null && call.request() instanceof SdkPojo pojo) {
            List<String> missing = new ArrayList<>();
            structure(constraints.shape(op.input()), pojo, "", missing);
            if (!missing.isEmpty()) {
                StringBuilder sb = new StringBuilder().append(missing.size()).append(missing.size() == 1
                        ? " validation error detected: " : " validation errors detected: ");
                for (int i = 0; i < missing.size(); i++) {
                    sb.append(i == 0 ? "" : "; ").append("Value null at '").append(missing.get(i))
                            .append("' failed to satisfy constraint: Member must not be null");
                }
                throw TemplateError.validation(sb.toString());
            }
        }
        return call.proceed();
    }

    private void structure(ApiConstraints.ShapeConstraints shape, SdkPojo pojo, String prefix, List<String> out) {
        if (shape == null) {
            return;
        }
        for (SdkField<?> field : pojo.sdkFields()) {
            ApiConstraints.MemberConstraints member = shape.members().get(field.memberName());
            if (member == null) {
                continue;
            }
            String path = prefix + Character.toLowerCase(field.memberName().charAt(0)) + field.memberName().substring(1);
            Object value = field.getValueOrDefault(pojo);
            if (value == null) {
                if (member.isRequired()) {
                    out.add(path);
                }
            } else if (value instanceof SdkPojo nested) {
                structure(constraints.shape(member.shape()), nested, path + ".", out);
            } else if (value instanceof List<?> list) {
                ApiConstraints.ShapeConstraints listShape = constraints.shape(member.shape());
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof SdkPojo element && listShape != null) {
                        structure(constraints.shape(listShape.member()), element, path + "." + (i + 1) + ".member.",
                                out);
                    }
                }
            }
        }
    }
}

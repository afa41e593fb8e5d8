package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.ResourceRecord;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code AWS::CloudFormation::Macro} (template reference): makes a Lambda function available as a template macro
 * of the account and Region under {@code Name}, for as long as the resource exists (the macro is the stack's
 * resource record, so it is kept with {@code --data-dir} like the stack). {@code Ref} and {@code Fn::GetAtt Id} give the name; a name another
 * live macro has fails the resource ("AlreadyExists"). {@code Name} replaces it; {@code FunctionName},
 * {@code Description}, {@code LogGroupName} and {@code LogRoleARN} change in place (the log settings are stored,
 * nothing is logged).
 */
final class MacroHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "FunctionName", "Description", "LogGroupName",
            "LogRoleARN");
    /** The template reference's pattern for Name: "^[A-Za-z0-9:_-]+$" … we accept the documented characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_:.-]+");

    private Engine engine;

    void bind(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String type() {
        return TemplateMacros.TYPE;
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.requiredText("Name");
        r.requiredText("FunctionName");
        if (!NAME.matcher(name).matches()) {
            throw new ResourceFailure("Macro name " + name + " is not valid", "InvalidRequest");
        }
        if (name.startsWith("AWS::")) {
            throw new ResourceFailure("Macro names starting with AWS:: are reserved", "InvalidRequest");
        }
        CloudFormationState state = engine.state();
        state.lock.lock();
        try {
            for (StackRecord stack : state.region(r.stack().accountId(), r.stack().region()).stacks.values()) {
                if (stack.deleted()) {
                    continue;
                }
                for (ResourceRecord res : stack.resources.values()) {
                    boolean self = stack.stackId.equals(r.stack().stackId()) && res.logicalId.equals(r.logicalId());
                    if (!self && res.type.equals(TemplateMacros.TYPE) && res.properties != null && res.exists()
                            && name.equals(res.properties.path("Name").asText(null))) {
                        throw new ResourceFailure(name + " already exists in stack " + stack.stackId,
                                "AlreadyExists");
                    }
                }
            }
        } finally {
            state.lock.unlock();
        }
        return Created.of(name).attribute("Id", name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        r.requiredText("FunctionName");
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        // The macro is the resource record: once the resource is deleted, templates can no longer name it.
    }
}

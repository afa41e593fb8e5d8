package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Export;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.template.TemplateError;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.ListExportsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListExportsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListImportsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListImportsResponse;

/** ListExports and ListImports of the caller's account and region. */
public final class Exports {
    private final StackLookup lookup;

    Exports(StackLookup lookup) {
        this.lookup = lookup;
    }

    public ListExportsResponse listExports(ListExportsRequest r) {
        List<software.amazon.awssdk.services.cloudformation.model.Export> out = new ArrayList<>();
        for (Export e : lookup.region().exports.values()) {
            out.add(software.amazon.awssdk.services.cloudformation.model.Export.builder()
                    .exportingStackId(e.stackId()).name(e.name()).value(e.value()).build());
        }
        Page<software.amazon.awssdk.services.cloudformation.model.Export> page = Page.of(out, r.nextToken(), 100);
        return ListExportsResponse.builder().exports(page.items()).nextToken(page.nextToken()).build();
    }

    public ListImportsResponse listImports(ListImportsRequest r) {
        CloudFormationState.Region region = lookup.region();
        if (!region.exports.containsKey(r.exportName())) {
            throw TemplateError.validation("Export '" + r.exportName() + "' is not imported by any stack.");
        }
        List<String> names = new ArrayList<>();
        for (StackRecord s : region.stacks.values()) {
            if (!s.deleted() && s.imports.contains(r.exportName())) {
                names.add(s.stackName);
            }
        }
        if (names.isEmpty()) {
            throw TemplateError.validation("Export '" + r.exportName() + "' is not imported by any stack.");
        }
        Page<String> page = Page.of(names, r.nextToken(), 100);
        return ListImportsResponse.builder().imports(page.items()).nextToken(page.nextToken()).build();
    }
}

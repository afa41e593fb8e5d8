package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.ChangeSetRecord;
import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.ResourceRecord;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.template.TemplateError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;

/** DescribeStacks, ListStacks, DescribeStackEvents, the stack resource reads and GetTemplate. */
public final class StackQueries {
    private final StackLookup lookup;

    StackQueries(StackLookup lookup) {
        this.lookup = lookup;
    }

    public DescribeStacksResponse describeStacks(DescribeStacksRequest r) {
        List<Stack> stacks = new ArrayList<>();
        if (r.stackName() != null) {
            stacks.add(Views.stack(lookup.require(r.stackName())));
        } else {
            List<StackRecord> all = new ArrayList<>(lookup.region().stacks.values());
            Collections.reverse(all);
            all.stream().filter(s -> !s.deleted()).forEach(s -> stacks.add(Views.stack(s)));
        }
        Page<Stack> page = Page.of(stacks, r.nextToken(), 100);
        return DescribeStacksResponse.builder().stacks(page.items()).nextToken(page.nextToken()).build();
    }

    public ListStacksResponse listStacks(ListStacksRequest r) {
        Set<String> filter = Set.copyOf(r.stackStatusFiltersAsStrings());
        List<StackSummary> out = new ArrayList<>();
        List<StackRecord> all = new ArrayList<>(lookup.region().stacks.values());
        Collections.reverse(all);
        for (StackRecord s : all) {
            if (filter.isEmpty() || filter.contains(s.status)) {
                out.add(Views.summary(s));
            }
        }
        Page<StackSummary> page = Page.of(out, r.nextToken(), 100);
        return ListStacksResponse.builder().stackSummaries(page.items()).nextToken(page.nextToken()).build();
    }

    public DescribeStackEventsResponse describeStackEvents(DescribeStackEventsRequest r) {
        StackRecord s = lookup.require(r.stackName());
        List<software.amazon.awssdk.services.cloudformation.model.StackEvent> events = new ArrayList<>();
        for (int i = s.events.size() - 1; i >= 0; i--) {
            events.add(Views.event(s.events.get(i)));
        }
        Page<software.amazon.awssdk.services.cloudformation.model.StackEvent> page = Page.of(events, r.nextToken(), 100);
        return DescribeStackEventsResponse.builder().stackEvents(page.items()).nextToken(page.nextToken()).build();
    }

    public DescribeStackResourceResponse describeStackResource(DescribeStackResourceRequest r) {
        StackRecord s = lookup.require(r.stackName());
        ResourceRecord res = s.resources.get(r.logicalResourceId());
        if (res == null) {
            throw TemplateError.validation("Resource " + r.logicalResourceId() + " does not exist for stack "
                    + r.stackName());
        }
        return DescribeStackResourceResponse.builder().stackResourceDetail(Views.detail(s, res)).build();
    }

    public DescribeStackResourcesResponse describeStackResources(DescribeStackResourcesRequest r) {
        StackRecord s;
        if (r.stackName() != null) {
            s = lookup.require(r.stackName());
        } else if (r.physicalResourceId() != null) {
            s = byPhysicalId(r.physicalResourceId());
        } else {
            throw TemplateError.validation("Either StackName or PhysicalResourceId must be specified.");
        }
        List<StackResource> out = new ArrayList<>();
        for (ResourceRecord res : s.resources.values()) {
            if (r.logicalResourceId() == null || r.logicalResourceId().equals(res.logicalId)) {
                out.add(Views.resource(s, res));
            }
        }
        return DescribeStackResourcesResponse.builder().stackResources(out).build();
    }

    private StackRecord byPhysicalId(String physicalId) {
        for (StackRecord s : lookup.region().stacks.values()) {
            if (s.deleted()) {
                continue;
            }
            for (ResourceRecord res : s.resources.values()) {
                if (physicalId.equals(res.physicalId)) {
                    return s;
                }
            }
        }
        throw TemplateError.validation("Stack for " + physicalId + " does not exist");
    }

    public ListStackResourcesResponse listStackResources(ListStackResourcesRequest r) {
        StackRecord s = lookup.require(r.stackName());
        List<StackResourceSummary> out = new ArrayList<>();
        s.resources.values().forEach(res -> out.add(Views.resourceSummary(res)));
        Page<StackResourceSummary> page = Page.of(out, r.nextToken(), 100);
        return ListStackResourcesResponse.builder().stackResourceSummaries(page.items()).nextToken(page.nextToken())
                .build();
    }

    public GetTemplateResponse getTemplate(GetTemplateRequest r) {
        String original;
        String processed;
        if (r.changeSetName() != null) {
            ChangeSetRecord cs = ChangeSets.find(lookup, r.changeSetName(), r.stackName());
            original = cs.templateBody;
            processed = cs.template == null ? null : cs.template.root().toString();
        } else if (r.stackName() != null) {
            StackRecord s = lookup.require(r.stackName());
            original = s.templateBody;
            processed = s.template == null ? null : s.template.root().toString();
        } else {
            throw TemplateError.validation("Either StackName or ChangeSetName must be specified.");
        }
        boolean wantsProcessed = "Processed".equals(r.templateStageAsString());
        return GetTemplateResponse.builder().templateBody(wantsProcessed ? processed : original)
                .stagesAvailableWithStrings("Original", "Processed").build();
    }

    /** The region's state, for the other providers of this package. */
    CloudFormationState.Region region() {
        return lookup.region();
    }
}

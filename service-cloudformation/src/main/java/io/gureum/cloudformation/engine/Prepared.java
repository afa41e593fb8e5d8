package io.gureum.cloudformation.engine;

import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.template.Template;
import java.util.Map;
import java.util.Set;

/**
 * A template made ready to deploy: transformed, its parameters resolved, its conditions evaluated, and the
 * dependency graph of the resources whose condition holds.
 *
 * @param body the template as given (GetTemplate's Original stage)
 * @param imports the export names its {@code Fn::ImportValue}s name
 */
public record Prepared(String body, Template template, Map<String, ResolvedParameter> parameters,
        Map<String, Boolean> conditions, Map<String, Set<String>> graph, Set<String> imports) {
}

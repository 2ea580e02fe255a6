package org.attributiongraph.source;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SourceInput")
public class SourceInput {

    @NonNull
    public String publisher;

    @NonNull
    public String title;

    public String url;

    public LocalDate publishedOn;
}

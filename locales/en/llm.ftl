# The prompt of `recommend --explain`, in the user's language. The three lines
# with treevu's numbers are labelled in crates/domain/src/wire/llm.rs, which the
# sandbox's model reads back.

llm-category-vehicle = used vehicles
llm-category-property = real estate
llm-system = You are an expert in { $category } prices in Peru. Analyse the listing and explain in English, in one short paragraph, the price recommendation that treevu computed statistically. Do not invent data: use only what the message gives. The recommended price must stay within the statistical range; do not propose another price. Answer only with the JSON of the schema { $schema } (confidence between 0 and 1).
llm-listing = Listing: { $title }
llm-no-title = (no title)
llm-current = Current price: { $price }
llm-comparables-used = Comparables used: { $count }
llm-comparables-top = Main comparables:
llm-engagement = Views: { $views } · Contacts: { $contacts } · Favorites: { $favorites } · Days active: { $days }
llm-readiness = Buyer readiness: { $band }, score { $score }
llm-rationale = treevu's statistical reasoning: { $rationale }
llm-kept-own = { $error }; using treevu's own rationale for { $listing }
llm-stop-asking = not asking the LLM for the other { $count } listings; they keep treevu's rationale

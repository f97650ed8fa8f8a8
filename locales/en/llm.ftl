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

# --verbose and warnings of recommend --explain.
llm-key-from-env = LLM key: from TREEVU_LLM_API_KEY
llm-key-from-store = LLM key: from the secret store
llm-key-none = LLM key: none saved; calling without one (fine for a local endpoint)
llm-key-unreadable = cannot read the LLM key ({ $error }); calling the LLM without one
llm-call = LLM { $model } for { $listing }: { $result ->
        [validated] validated
        [rejected] rejected
       *[failed] failed
    } in { $ms } ms
llm-confidence-percent = { $listing }: the model gave confidence as a percentage; divided by 100

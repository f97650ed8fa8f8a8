# El prompt de `recommend --explain`, en el idioma del usuario. Las tres líneas
# con las cifras de treevu se etiquetan en crates/domain/src/wire/llm.rs, que el
# modelo del sandbox vuelve a leer.

llm-category-vehicle = vehículos usados
llm-category-property = inmuebles
llm-system = Eres un experto en precios de { $category } en Perú. Analiza el listado y explica en español, en un párrafo breve, la recomendación de precio que treevu calculó estadísticamente. No inventes datos: usa solo los del mensaje. El precio recomendado debe quedar dentro del rango estadístico; no propongas otro precio. Responde solo con el JSON del esquema { $schema } (confidence entre 0 y 1).
llm-listing = Listado: { $title }
llm-no-title = (sin título)
llm-current = Precio actual: { $price }
llm-comparables-used = Comparables usados: { $count }
llm-comparables-top = Comparables principales:
llm-engagement = Vistas: { $views } · Contactos: { $contacts } · Favoritos: { $favorites } · Días activo: { $days }
llm-readiness = Disposición de compradores (Buyer Readiness): { $band }, puntaje { $score }
llm-rationale = Razonamiento estadístico de treevu: { $rationale }
llm-kept-own = { $error }; se usa el porqué propio de treevu para { $listing }
llm-stop-asking = no se consulta al LLM por los otros { $count ->
        [one] { $count } anuncio; conserva
       *[other] { $count } anuncios; conservan
    } el porqué de treevu

# --verbose y advertencias de recommend --explain.
llm-key-from-env = clave del LLM: de TREEVU_LLM_API_KEY
llm-key-from-store = clave del LLM: del almacén de secretos
llm-key-none = clave del LLM: no hay ninguna guardada; se llama sin ella (está bien para un endpoint local)
llm-key-unreadable = no se puede leer la clave del LLM ({ $error }); se llama al LLM sin ella
llm-call = LLM { $model } para { $listing }: { $result ->
        [validated] validada
        [rejected] rechazada
       *[failed] falló
    } en { $ms } ms
llm-confidence-percent = { $listing }: el modelo dio la confianza como porcentaje; se dividió entre 100

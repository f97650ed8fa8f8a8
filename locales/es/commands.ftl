# Líneas de estado de los comandos que cambian algo en un marketplace
# (recommend --apply, listing, crosslist), de sync por perfiles, la demo,
# estimate y schedule.

cancelled-nothing-sent = cancelado; no se envió nada
dry-run-nothing-sent = simulación: no se envió nada (quite --dry-run para enviarlo)

apply-twin-label = { $listing } (gemelo de { $of })
apply-already-recommended = { $label }: ya está en el precio recomendado { $price }
apply-plan = { $label } ({ $title }): precio { $from } → { $to }
apply-ask = ¿Enviar el nuevo precio a { $name }?
apply-accepted = { $label }: { $name } aceptó { $price }
apply-already-there = { $label }: ya está en { $price } (enviado hace un momento); no se envió nada
apply-warning = { $label }: { $words }

listing-update-title = { $listing } ({ $title })
listing-update-price = {"  "}precio:  { $from } → { $to }
listing-update-new-title = {"  "}título:  { $from } → { $to }
listing-update-description = {"  "}descripción: reemplazada
listing-update-status = {"  "}estado: { $from } → { $to }
listing-twin-already = {"  "}gemelo { $twin }: ya está en { $price }
listing-twin-plan = {"  "}gemelo { $twin }: precio { $from } → { $to }
listing-update-ask = ¿Enviar este cambio a { $name }?
listing-update-ask-twins = ¿Enviar estos precios a { $count } anuncios?
listing-updated = { $listing } actualizado en { $name }
listing-twin-updated = gemelo { $twin } actualizado en { $name }: { $price }
listing-twin-warning = gemelo { $twin }: { $words }
listing-created = { $listing } creado en { $name }
listing-remove-plan = { $listing } ({ $title }) será retirado
listing-remove-delete = {"  "}{ $name }: DELETE { $path }
listing-remove-put = {"  "}{ $name } no tiene DELETE: PUT { $path } con estado 'removed'
listing-remove-ask = ¿Retirar { $listing } de { $name }?
listing-removed = { $listing } retirado de { $name }
listing-remove-twins-stay = { $count ->
        [one] su gemelo { $twins } sigue publicado; retírelo también con 'treevu listing remove <id>'
       *[other] sus gemelos { $twins } siguen publicados; retírelos también con 'treevu listing remove <id>'
    }

crosslist-set-ignored = --set { $fields } no es un campo de { $targets }; se ignora
crosslist-plan = { $listing } → { $name }: { $title } ({ $price })
crosslist-nothing-to-publish = nada que publicar: cada anuncio ya está allí
crosslist-ask = { $count ->
        [one] ¿Publicar { $count } anuncio?
       *[other] ¿Publicar { $count } anuncios?
    }
crosslist-now-on = { $listing } ya está en { $name } como { $id }
crosslist-failed = { $listing } → { $name }: { $why }
crosslist-stopped = detenido: { $why }

sync-profile = perfil { $profile }:
sync-profile-failed = perfil { $profile }: { $error }

demo-market-data-failed = datos de mercado de { $id }: { $error }

estimate-facts-unreadable = TREEVU_MARKET_FACTS={ $path }: { $error }; se usan las cifras incorporadas
estimate-no-comparables = aún no hay comparables de { $kind ->
        [property] inmuebles
       *[vehicle] vehículos
    } en el pool: precio a partir de las cifras incorporadas de Lima de { $asof } solamente (sin comparables locales), con rangos más amplios; 'treevu sync' o 'treevu market import --kind { $kind } FILE.csv' los agrega
estimate-few-comparables = solo { $count } comparables de { $kind ->
        [property] inmuebles
       *[vehicle] vehículos
    } en el pool: las cifras incorporadas de Lima de { $asof } sostienen los ítems para los que el pool tiene poca evidencia (lo dicen), con rangos más amplios

schedule-crontab-hint = agréguela con 'crontab -e'; los fallos salen con un código distinto de cero y ejecutan el comando o webhook de aviso configurado

delists-step-failed = gemelos: el paso de retiro falló ({ $error }); la próxima sincronización lo intenta de nuevo
delists-taken-down = { $listing } retirado ({ $method ->
        [delete] DELETE
       *[status] estado removed
    }): su gemelo { $twin } quedó { $status }
delists-proposed = { $listing } sigue publicado pero su gemelo { $twin } quedó { $status }; para retirarlo: { $command }
delists-nothing = { $listing }: nada que retirar ({ $note })
delists-failed = no se pudo retirar { $listing } (su gemelo { $twin } quedó { $status }): { $error }; la próxima sincronización lo intenta de nuevo
delists-conflict = conflicto: { $listings } todos vendidos o alquilados: el ítem se fue más de una vez; no se retiró nada (vea 'treevu twins')

auth-forgot-client-secret = Se olvidó el client secret de { $name } ({ $reference }).
auth-no-client-secret = No había ningún client secret de { $name } guardado; nada que olvidar.
auth-client-secret-prompt = Client secret de { $name } (no se muestra):{" "}
auth-saved-client-secret = Client secret de { $name } guardado en el almacén { $store } ({ $reference }); treevu se autentica con { $method }.
auth-forgot-llm-key = Se olvidó la clave del LLM ({ $reference }).
auth-no-llm-key = No había ninguna clave del LLM guardada; nada que olvidar.
auth-llm-key-prompt = Clave de API del LLM (no se muestra):{" "}
auth-saved-llm-key = Clave del LLM guardada en el almacén { $store } ({ $reference }).
auth-env-wins = { $var } está definida y prevalece sobre la clave guardada hasta que la quite
auth-llm-configure = Para usarla, defina TREEVU_LLM_URL y TREEVU_LLM_MODEL (o [llm] url/model en config.toml).
auth-status-problem = { $marketplace }: { $problem }
auth-status-reconnect = { $marketplace }: necesita que vuelva a conectar; ejecute 'treevu connect { $marketplace }'
auth-revoked = Se revocó el acceso de treevu en { $name }.
auth-revoke-unsupported = { $name } no ofrece a treevu una forma de revocar el acceso; termina cuando vence el token, o quite treevu en la configuración de su cuenta de { $name }.
auth-revoke-failed = no se pudo revocar en { $name } ({ $error }); el secreto se olvidó aquí, pero quite treevu en la configuración de su cuenta de { $name } para estar seguro
auth-forgot-account = Se olvidaron el secreto y la cuenta guardados de { $name }.
auth-not-connected = { $name } no estaba conectado; nada que olvidar.
auth-env-still-set = { $var } sigue definida en su entorno y funciona hasta que la quite

twins-found = { $count ->
        [one] se encontró { $count } par de gemelos nuevo
       *[other] se encontraron { $count } pares de gemelos nuevos
    }
twins-none = aún no hay gemelos: sincronice dos marketplaces ('treevu sync --all'), vincule dos anuncios ('treevu twins link A B') o publique uno en otro marketplace ('treevu crosslist')
twins-open-delist = ítem { $item }: { $listing }: { $detail }
twins-linked = { $a } y { $b } vinculados como un solo ítem
twins-already-linked = { $a } y { $b } ya estaban vinculados; ahora por su decisión
twins-unlinked = { $a } y { $b } desvinculados; la venta de uno ya no retira el otro
twins-policy-set = perfil { $profile }: la política de retiro ahora es { $policy }

crosslist-in-flight = { $listing } se envió a { $name } a las { $at } sin respuesta; ejecute primero 'treevu sync { $marketplace }', para que treevu vea si llegó, y luego vuelva a publicarlo
crosslist-nothing-sent = no se envió nada: { $count ->
        [one] { $count } ítem no se puede publicar como se pidió (arriba)
       *[other] { $count } ítems no se pueden publicar como se pidió (arriba)
    }

# Errores de uso hallados tras leer la línea de órdenes (salida 2) y la pregunta de confirmación.
listing-cannot-read = no se puede leer { $path }: { $cause }
listing-not-json = { $path } no es JSON: { $cause }
listing-no-id-on-stdin = no llegó ningún id de anuncio por la entrada estándar; dé uno como olx:123
listing-one-at-a-time = esta orden cambia un anuncio a la vez; la entrada estándar traía { $count } ids
listing-nothing-to-change = indique qué cambiar: --price, --title, --description o --status
listing-bad-price = --price: { error-money }
# Con qué termina una pregunta de sí o no; la respuesta por defecto (no) en mayúscula.
confirm-choices = [s/N]
confirm-no-terminal = no se cambia nada sin confirmación, y la entrada estándar no es una terminal donde preguntar; pase --yes para confirmar (o --dry-run para ver la solicitud)
secret-no-terminal = la entrada estándar no es una terminal: páselo con { $flag } (nunca en la línea de órdenes)
secret-nothing-given = no se dio nada
auth-client-secret-not-oauth = { $name } usa una clave de API, no OAuth: no hay secreto de cliente (vea 'treevu connect { $marketplace }')
connect-api-key-stdin-autofact-only = --api-key-stdin es para autofact; { $name } se conecta iniciando sesión
connect-browser-flags-ignored = --no-browser y --port no se aplican a Autofact (usa una clave de API)
connect-api-key-prompt = Clave de API de Autofact (no se muestra):{" "}
estimate-describe-property = describa el inmueble con al menos --district y --area (p. ej. --district Miraflores --area 80 --bedrooms 2 --operation sale), o dé --input ARCHIVO.csv
estimate-describe-vehicle = describa el vehículo con al menos --brand, --model y --year (p. ej. --brand Toyota --model Yaris --year 2019 --mileage 60000), o dé --input ARCHIVO.csv
estimate-what-to-price = indique qué tasar: --kind property o --kind vehicle, con sus datos o --input ARCHIVO.csv
conversations-olx-only = las conversaciones vienen de OLX y '{ $listing }' está en { $name }; para Inmuebles24 vea 'treevu leads'
leads-inmuebles24-only = las consultas vienen de Inmuebles24 y '{ $listing }' está en { $name }; para los compradores de OLX vea 'treevu conversations'

# leads y conversations.
conversations-none = no hay conversaciones guardadas; ejecute 'treevu sync olx' para traerlas
leads-none = no hay consultas guardadas; ejecute 'treevu sync inmuebles24' para traerlas
leads-fetch-failed = no se pudieron traer consultas nuevas ({ $error }); se muestran las guardadas
leads-fetched = { $count ->
        [one] se trajo { $count } consulta nueva
       *[other] se trajeron { $count } consultas nuevas
    }

# watch, sandbox serve, generate-docs, market facts e import, report.
watch-started = vigilando: cada cuenta se sincroniza cuando le toca; Ctrl-C detiene
watch-stopped = detenido
sandbox-ready = listo en { $ms } ms (semilla { $seed }, { $listings } anuncios por marketplace, { $market } en el mercado); Ctrl-C detiene
sandbox-stopped = sandbox detenido
generate-wrote = se escribieron { $count } archivos en { $path } (completions/, { $man }/)
market-facts-wrote = Se escribió { $path } ({ $homes } inmuebles, { $cars } autos de Lima, { $months })
market-facts-cannot-write = no se puede escribir la tabla de cifras en { $path }: { $cause }
market-import-not-fitted = el modelo de precios no se ajustó ahora: { $error }
report-cannot-write = no se puede escribir el informe HTML en { $path }: { $cause }
# sync status: una cuenta a la que ya le toca.
when-now = ahora
# Una celda de sí o no de una tabla.
cell-yes = sí
cell-no = no

# --verbose: una línea por solicitud ($ms: milisegundos; $status: estado HTTP o ---).
verbose-request = { $marketplace } { $method } { $path } { $status } { $ms } ms
verbose-sign-in = { $marketplace } { $method } { $path } { $status } { $ms } ms ({ auth-step }{ $has_form ->
        [yes] : { $form }
       *[no] {""}
    }{ $basic ->
        [yes] {" "}(cliente autenticado con HTTP Basic)
       *[no] {""}
    })
# El aviso que una sincronización programada fallida envía a su dueño (un comando o un webhook), y lo que guarda sync status.
notice-title = treevu: falló la sincronización de { $name }
notice-sync-failed = la sincronización falló
notice-sent = enviado por { $by ->
        [command] el comando
        [webhook] el webhook
       *[both] el comando y el webhook
    }: { $title }
notice-not-sent = no se pudo avisar: { $error }

#compdef treevu

autoload -U is-at-least

_treevu() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'-V[Muestra la versión]' \
'--version[Muestra la versión]' \
":: :_treevu_commands" \
"*::: :->treevu" \
&& ret=0
    case $state in
    (treevu)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-command-$line[1]:"
        case $line[1] in
            (connect)
_arguments "${_arguments_options[@]}" : \
'--port=[Puerto del servidor local de retorno en 127.0.0.1 \[por defecto\: cualquier puerto libre\]]:N:_default' \
'--timeout=[Segundos de espera al navegador \[por defecto\: 300\]]:SECS:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--no-browser[No abre un navegador; imprime la dirección para abrirla en otro lugar (también por SSH o sin pantalla)]' \
'--api-key-stdin[Autofact\: lee la clave de API de la primera línea de stdin en lugar de pedirla oculta]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':marketplace -- olx, inmuebles24 o autofact:_default' \
&& ret=0
;;
(auth)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
":: :_treevu__subcmd__auth_commands" \
"*::: :->auth" \
&& ret=0

    case $state in
    (auth)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-auth-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':marketplace -- olx, inmuebles24 o autofact:_default' \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':marketplace -- olx, inmuebles24 o autofact:_default' \
&& ret=0
;;
(llm-key)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--stdin[Lee la clave de la primera línea de stdin en lugar de pedirla oculta]' \
'(--stdin)--delete[En su lugar, olvida la clave guardada]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(client-secret)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--stdin[Lee el secreto de la primera línea de stdin en lugar de pedirlo oculto]' \
'(--stdin)--delete[En su lugar, olvida el secreto guardado (treevu vuelve a ser un cliente público)]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':marketplace -- olx o inmuebles24:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
;;
(profiles)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(merchants)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
":: :_treevu__subcmd__merchants_commands" \
"*::: :->merchants" \
&& ret=0

    case $state in
    (merchants)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-merchants-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':name -- El nombre del comerciante:_default' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-y[No pide confirmación]' \
'--yes[No pide confirmación]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':name -- El nombre del comerciante:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
;;
(operator)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
":: :_treevu__subcmd__operator_commands" \
"*::: :->operator" \
&& ret=0

    case $state in
    (operator)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-operator-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(rotate-key)
_arguments "${_arguments_options[@]}" : \
'--new-key-file=[La nueva clave\: un archivo (modo 600) con 32 bytes aleatorios en base64]:FILE:_files' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
;;
(sync)
_arguments "${_arguments_options[@]}" : \
'--max-wait=[Espera máxima a que se reinicie la ventana horaria de solicitudes antes de detenerse con un punto de control \[por defecto\: 120\]]:SECS:_default' \
'--concurrency=[Páginas descargadas a la vez \[por defecto\: 4\]]:N:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--all[Cada cuenta conectada]' \
'--full[Ignora el cursor incremental\: trae todo y marca como retirado lo que desapareció]' \
'--due[Solo las cuentas cuyo intervalo de sincronización ya pasó (para cron\: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)]' \
'--all-profiles[Cada perfil de comerciante por turno, cada uno dentro de sus propios cupos]' \
'--wait[Si otro treevu está sincronizando la misma cuenta, lo espera en lugar de salir con el código 5]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'::marketplaces -- Marketplaces a sincronizar (por defecto con --all\: cada cuenta conectada):_default' \
":: :_treevu__subcmd__sync_commands" \
"*::: :->sync" \
&& ret=0

    case $state in
    (sync)
        words=($line[2] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-sync-command-$line[2]:"
        case $line[2] in
            (status)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
;;
(schedule)
_arguments "${_arguments_options[@]}" : \
'--every=[Minutos entre revisiones; cada cuenta se sincroniza solo cuando pasó su intervalo \[por defecto\: 30\]]:EVERY:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'(--systemd)--cron[Una línea de crontab (por defecto)]' \
'--systemd[Un servicio y un temporizador de usuario de systemd]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(watch)
_arguments "${_arguments_options[@]}" : \
'--check-every=[Segundos entre revisiones de las cuentas pendientes \[por defecto\: 60\]]:CHECK_EVERY:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(worker)
_arguments "${_arguments_options[@]}" : \
'--concurrency=[Cuentas sincronizadas a la vez \[por defecto\: 2\]]:N:_default' \
'--lease-seconds=[Cuánto tiempo una cuenta tomada sigue siendo de este worker sin renovarla \[por defecto\: 60\]]:S:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--once[Sincroniza lo pendiente ahora y termina (código distinto de cero si una cuenta falló)]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(recommend)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--apply[Envía el precio recomendado al marketplace (muestra anterior → nuevo y pregunta antes)]' \
'-y[Con --apply\: no pide confirmación]' \
'--yes[Con --apply\: no pide confirmación]' \
'--dry-run[Con --apply\: muestra la solicitud que se enviaría y no envía nada]' \
'--force[Con --apply\: envía un precio que cambia más que apply.max_change (20%) o cuya confianza está bajo apply.min_confidence (40%)]' \
'--all-twins[Con --apply\: envía el precio también a cada gemelo en los otros marketplaces, en su propia moneda a pricing.pen_per_usd]' \
'--explain[Pide al LLM configurado (TREEVU_LLM_URL, TREEVU_LLM_MODEL) que explique cada precio en el idioma elegido; las cifras de treevu se mantienen]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::listings -- Ids de anuncio de '\''treevu listings'\'' (p. ej. olx\:123); '\''-'\'' los lee de stdin:_default' \
&& ret=0
;;
(estimate)
_arguments "${_arguments_options[@]}" : \
'--kind=[Qué tasar (con --input, se reconoce por las columnas del archivo si no se indica) \[valores posibles\: property, vehicle\]]:KIND:(property vehicle)' \
'(--district --brand)--input=[Un CSV de artículos (columnas como en docs/pricing.md; una columna de precio se ignora); un resultado por fila, en orden]:FILE.csv:_files' \
'--id=[Id que se muestra en el resultado \[por defecto\: item\]]:ID:_default' \
'--operation=[sale (venta) o rent (alquiler)]:OPERATION:_default' \
'--property-type=[apartment, house, land o commercial]:PROPERTY_TYPE:_default' \
'--district=[]:DISTRICT:_default' \
'--zone=[]:ZONE:_default' \
'--area=[Área total en m²]:AREA:_default' \
'--bedrooms=[]:BEDROOMS:_default' \
'--bathrooms=[]:BATHROOMS:_default' \
'--parking=[]:PARKING:_default' \
'--brand=[]:BRAND:_default' \
'--model=[]:MODEL:_default' \
'--year=[]:YEAR:_default' \
'--mileage=[Kilometraje en km]:MILEAGE:_default' \
'--transmission=[]:TRANSMISSION:_default' \
'--fuel-type=[]:FUEL_TYPE:_default' \
'--condition=[excellent, good, fair o poor]:CONDITION:_default' \
'--title=[Título del anuncio (cuentan palabras como "estreno" o "vista al mar")]:TITLE:_default' \
'--currency=[Moneda de la respuesta (por defecto\: PEN para inmuebles, USD para vehículos)]:CURRENCY:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(market)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
":: :_treevu__subcmd__market_commands" \
"*::: :->market" \
&& ret=0

    case $state in
    (market)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-market-command-$line[1]:"
        case $line[1] in
            (import)
_arguments "${_arguments_options[@]}" : \
'--kind=[Qué contiene el archivo (se reconoce por sus columnas si no se indica) \[valores posibles\: property, vehicle\]]:KIND:(property vehicle)' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':file -- El archivo CSV (`-` para stdin); columnas como en docs/pricing.md:_files' \
&& ret=0
;;
(analyze)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':listing -- Un anuncio de inmueble sincronizado (p. ej. inmuebles24\:I24-12):_default' \
&& ret=0
;;
(facts)
_arguments "${_arguments_options[@]}" : \
'--properties=[Archivo de casas (columnas de lima-properties.csv)]:FILE.csv:_files' \
'--vehicles=[Archivo de autos (columnas de vehicles.csv)\: las filas de Lima dan los niveles, las demás solo la curva de antigüedad]:FILE.csv:_files' \
'--out=[Escribe la tabla aquí (por defecto\: stdout); crates/pricing/src/lima_facts.json es la que se compila]:FILE.json:_files' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
;;
(valuation)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::vehicles -- Anuncios de vehículos sincronizados (p. ej. autofact\:AF-12); '\''-'\'' los lee de stdin:_default' \
&& ret=0
;;
(readiness)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::listings -- Ids de anuncio (por defecto\: cada anuncio en el mercado); '\''-'\'' los lee de stdin:_default' \
&& ret=0
;;
(forecast)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::listings -- Ids de anuncio (p. ej. olx\:123); '\''-'\'' los lee de stdin:_default' \
&& ret=0
;;
(backtest)
_arguments "${_arguments_options[@]}" : \
'--kind=[Qué pool probar \[valores posibles\: property, vehicle\]]:KIND:(property vehicle)' \
'--input=[Un CSV etiquetado (con precios) para tasar frente al pool, en lugar de k-fold sobre el pool]:FILE.csv:_files' \
'--folds=[Particiones de la validación cruzada sobre el pool \[por defecto\: 5\]]:FOLDS:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(listings)
_arguments "${_arguments_options[@]}" : \
'-m+[Solo este marketplace]:MARKETPLACE:_default' \
'--marketplace=[Solo este marketplace]:MARKETPLACE:_default' \
'-s+[Solo anuncios con este estado (active, sold, rented, removed)]:STATUS:_default' \
'--status=[Solo anuncios con este estado (active, sold, rented, removed)]:STATUS:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--all[Incluye anuncios que ya no se encuentran en el marketplace]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(listing)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
":: :_treevu__subcmd__listing_commands" \
"*::: :->listing" \
&& ret=0

    case $state in
    (listing)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-listing-command-$line[1]:"
        case $line[1] in
            (update)
_arguments "${_arguments_options[@]}" : \
'--price=[Precio nuevo en la moneda del anuncio, p. ej. 285000 o 285,000.50]:PRICE:_default' \
'--title=[Título nuevo (de 5 a 255 caracteres)]:TEXT:_default' \
'--description=[Descripción nueva (OLX e Inmuebles24)]:TEXT:_default' \
'--status=[Estado nuevo \[valores posibles\: active, sold, rented, removed\]]:STATUS:(active sold rented removed)' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-y[No pide confirmación]' \
'--yes[No pide confirmación]' \
'--dry-run[Imprime la solicitud que se enviaría (método, ruta, cuerpo) y no envía nada]' \
'--all-twins[Con --price\: el mismo precio para cada gemelo en los otros marketplaces, en su propia moneda a pricing.pen_per_usd]' \
'--force[Con --all-twins\: envía el precio de un gemelo aunque cambie más que apply.max_change (20%)]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':listing -- El anuncio, como <marketplace>\:<id> (vea '\''treevu listings'\''); '\''-'\'' lo lee de stdin:_default' \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
'-m+[Dónde publicar]:MARKETPLACE:_default' \
'--marketplace=[Dónde publicar]:MARKETPLACE:_default' \
'--from-file=[El anuncio como JSON con la forma del marketplace (docs/cli.md); '\''-'\'' lee stdin]:FILE:_files' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--dry-run[Imprime la solicitud que se enviaría y no envía nada]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-y[No pide confirmación]' \
'--yes[No pide confirmación]' \
'--dry-run[Imprime la solicitud que se enviaría y no envía nada]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':listing -- El anuncio, como <marketplace>\:<id> (vea '\''treevu listings'\''); '\''-'\'' lo lee de stdin:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
;;
(crosslist)
_arguments "${_arguments_options[@]}" : \
'*--to=[Dónde publicarlos (casas\: inmuebles24, olx; autos\: autofact, olx); repita para varios]:MARKETPLACE:_default' \
'*--set=[Un campo que el destino necesita y el origen no tiene, o un valor a usar en su lugar (p. ej. address="Av. Larco 1150")]:KEY=VALUE:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--dry-run[Imprime las solicitudes que se enviarían y no envía nada]' \
'-y[No pide confirmación]' \
'--yes[No pide confirmación]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::listings -- Anuncios a publicar en otro lugar, como <marketplace>\:<id>; '\''-'\'' los lee de stdin:_default' \
&& ret=0
;;
(leads)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--offline[Muestra solo lo guardado; no trae consultas nuevas de los anuncios indicados]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::listings -- Solo consultas de estos anuncios de Inmuebles24 (inmuebles24\:<id>); '\''-'\'' lee los ids de stdin:_default' \
&& ret=0
;;
(conversations)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--unread[Solo conversaciones con mensajes sin leer]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::listings -- Solo conversaciones sobre estos anuncios de OLX (olx\:<id>); '\''-'\'' lee los ids de stdin:_default' \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
'--html=[Escribe además el informe como un archivo HTML autónomo con gráficos]:FILE:_files' \
'--limit=[Filas del ranking mostradas en la terminal (JSON y HTML tienen más) \[por defecto\: 15\]]:N:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(twins)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--stats[Compara las vistas, contactos (consultas) y favoritos por día de cada artículo en sus marketplaces]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
":: :_treevu__subcmd__twins_commands" \
"*::: :->twins" \
&& ret=0

    case $state in
    (twins)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-twins-command-$line[1]:"
        case $line[1] in
            (link)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':a -- Un anuncio, como <marketplace>\:<id> (vea '\''treevu listings'\''):_default' \
':b -- Su gemelo en otro marketplace:_default' \
&& ret=0
;;
(unlink)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':a -- Un anuncio, como <marketplace>\:<id>:_default' \
':b -- El anuncio al que estaba vinculado:_default' \
&& ret=0
;;
(policy)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'::policy -- off\: nada; ask\: imprime los comandos que retiran los otros gemelos; auto\: los retira:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
;;
(sandbox)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
":: :_treevu__subcmd__sandbox_commands" \
"*::: :->sandbox" \
&& ret=0

    case $state in
    (sandbox)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-sandbox-command-$line[1]:"
        case $line[1] in
            (serve)
_arguments "${_arguments_options[@]}" : \
'--port=[Puerto en 127.0.0.1 (0\: cualquier puerto libre) \[por defecto\: 0\]]:PORT:_default' \
'--seed=[Semilla de los datos generados\: la misma semilla sirve los mismos registros byte a byte \[por defecto\: 42\]]:SEED:_default' \
'--listings=[Anuncios del comerciante de demostración por marketplace \[por defecto\: 36\]]:N:_default' \
'--market=[Anuncios de otros vendedores detrás de los endpoints de mercado \[por defecto\: 3000\]]:N:_default' \
'--latency-ms=[Demora añadida a cada respuesta del marketplace, en milisegundos \[por defecto\: 0\]]:MS:_default' \
'--error-rate=[Proporción de respuestas de la API que fallan con 500/502/503 (de 0 a 1) \[por defecto\: 0\]]:SHARE:_default' \
'--malformed-rate=[Proporción de registros del comerciante servidos rompiendo la validación de la especificación (de 0 a 1) \[por defecto\: 0\]]:SHARE:_default' \
'--rate-limit=[Solicitudes por ventana y cuenta, para los tres marketplaces \[por defecto\: los límites horarios de la especificación\]]:N:_default' \
'--rate-window-secs=[Duración de una ventana de límite de solicitudes en segundos \[por defecto\: 3600\]]:S:_default' \
'--token-ttl-secs=[Vida de los tokens de acceso, en segundos \[por defecto\: 3600\]]:S:_default' \
'--client-auth=[Cómo autentican la app los endpoints de token OAuth\: público (solo PKCE), o un cliente confidencial por HTTP Basic o con el secreto en el formulario, como hacen los servidores de producción \[por defecto\: public\] \[valores posibles\: public, basic, post\]]:HOW:((public\:"A public client\: \`client_id\` in the form; PKCE proves the rest"
basic\:"A confidential client with HTTP Basic (\`client_secret_basic\`)"
post\:"A confidential client with the secret in the form (\`client_secret_post\`)"))' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--auto-approve[Aprueba las autorizaciones OAuth de inmediato, sin la página de consentimiento]' \
'--churn[Mueve el mercado entre llamadas\: interacción, precios, ventas, retiros, anuncios nuevos]' \
'--live-dates[Fecha los anuncios generados a hoy en lugar de un día fijo (un mercado que parece vivo; la misma semilla da los mismos datos solo el mismo día)]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
;;
(demo)
_arguments "${_arguments_options[@]}" : \
'--listings=[Anuncios del comerciante de demostración por marketplace \[por defecto\: 24\]]:N:_default' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--keep[Conserva el directorio de datos de la demostración (su base de datos) en lugar de borrarlo al salir]' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
':shell -- La shell para la que completar \[valores posibles\: bash, elvish, fish, powershell, zsh\]:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(generate-docs)
_arguments "${_arguments_options[@]}" : \
'--out=[The repository root to write into \[por defecto\: .\]]:DIR:_files' \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
'--db=[Archivo de base de datos SQLite \[por defecto\: <directorio de datos>/profiles/<perfil>/treevu.db\] \[variable de entorno\: TREEVU_DB\]]:PATH:_files' \
'--database-url=[Almacén PostgreSQL en lugar del archivo SQLite\: postgres\://USUARIO\:CONTRASEÑA@HOST\:PUERTO/BASE (el perfil es el comerciante) \[variable de entorno\: TREEVU_DATABASE_URL\]]:URL:_default' \
'--config=[Archivo de configuración \[por defecto\: \$XDG_CONFIG_HOME/treevu/config.toml\] \[variable de entorno\: TREEVU_CONFIG\]]:PATH:_files' \
'--profile=[Perfil de comerciante\: separa las cuentas, secretos y datos de cada comerciante \[variable de entorno\: TREEVU_PROFILE\]]:NAME:_default' \
'--format=[Formato de los datos en stdout \[valores posibles\: table, json, jsonl, csv, tsv\]]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Idioma de lo que leen las personas \[por defecto\: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional\] \[valores posibles\: en, es\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-h[Muestra la ayuda]' \
'--help[Muestra la ayuda]' \
'--json[Imprime los datos como un documento JSON (igual que --format json)]' \
'-q[Solo errores y avisos en stderr]' \
'--quiet[Solo errores y avisos en stderr]' \
'-v[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--verbose[Más detalle en stderr (cada solicitud\: método, ruta, estado, tiempo)]' \
'--no-color[Sin color (también con NO_COLOR definido)]' \
'--exact-cells[CSV/TSV\: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '\'' delante)]' \
'*::command -- El comando cuya ayuda mostrar:_default' \
&& ret=0
;;
        esac
    ;;
esac
}

(( $+functions[_treevu_commands] )) ||
_treevu_commands() {
    local commands; commands=(
'connect:Conecte una cuenta de marketplace\: inicie sesión (OLX, Inmuebles24) o entregue la clave de API (Autofact)' \
'auth:Cuentas conectadas\: estado, token actual para scripts, cierre de sesión' \
'profiles:Lista los perfiles de comerciante y dónde están sus datos' \
'merchants:Comerciantes de un almacén PostgreSQL (--database-url)\: listar, agregar, eliminar' \
'operator:El operador de un almacén PostgreSQL (--database-url)\: el estado de cada cuenta y rotar la clave de los secretos guardados' \
'sync:Trae anuncios, estadísticas, consultas y conversaciones al almacén local' \
'schedule:Imprime la línea de crontab o las unidades de systemd que ejecutan '\''treevu sync --due'\''' \
'watch:Se queda en primer plano y sincroniza cada cuenta cuando le toca' \
'worker:Sincroniza las cuentas pendientes de todos los comerciantes de un almacén PostgreSQL (--database-url), junto con otros workers' \
'recommend:El precio a pedir por anuncios sincronizados\: precio recomendado, rango, confianza y por qué' \
'estimate:Pone precio a casas y autos que aún no están publicados, frente al pool de mercado' \
'market:Comparables de mercado\: importe archivos CSV, analice un anuncio frente a su mercado' \
'valuation:El valor de un auto calculado localmente, con el aporte de cada factor' \
'readiness:Puntaje de disposición del comprador (0-100, caliente/tibio/frío) de anuncios sincronizados' \
'forecast:Contactos esperados y tiempo hasta la venta de anuncios sincronizados' \
'backtest:Mide la precisión de precios de treevu sobre el pool (k-fold) o un archivo etiquetado' \
'listings:Muestra los anuncios guardados localmente (de '\''treevu sync'\'')' \
'listing:Cambia, publica o retira un anuncio en su marketplace' \
'crosslist:Publica anuncios en otros marketplaces (casas\: Inmuebles24 <-> OLX; autos\: Autofact <-> OLX), vinculados como gemelos' \
'leads:Consultas de Inmuebles24\: quién preguntó por sus inmuebles' \
'conversations:Conversaciones de OLX\: los chats de compradores sobre sus anuncios' \
'report:Su cartera de un vistazo, ordenada por lo que hay que hacer (--html para un archivo con gráficos)' \
'twins:Artículos publicados en más de un marketplace\: grupos, evidencia, vínculos, política de retiro, estadísticas' \
'sandbox:Ejecuta el sandbox de marketplaces incorporado (las tres API en loopback)' \
'demo:Pruebe treevu de punta a punta contra el sandbox incorporado\: conexión, sincronización, precios, análisis' \
'completions:Imprime un script de autocompletado para la shell (bash, zsh, fish, powershell, elvish)' \
'generate-docs:Write completions/ and docs/man/ (for maintainers; see docs/cli.md)' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth_commands] )) ||
_treevu__subcmd__auth_commands() {
    local commands; commands=(
'status:Qué cuentas están conectadas, desde dónde y si alguna lo necesita a usted (sale con 1 si es así)' \
'token:Imprime el token de acceso actual (o la clave de Autofact) para scripts, renovándolo si toca' \
'logout:Olvida el secreto guardado; lo revoca en el marketplace cuando su API lo permite' \
'llm-key:Guarda en el almacén de secretos la clave de API del LLM detrás de '\''recommend --explain'\''' \
'client-secret:Guarda en el almacén de secretos el secreto de cliente OAuth de la app (servidores que piden un cliente confidencial)' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu auth commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__client-secret_commands] )) ||
_treevu__subcmd__auth__subcmd__client-secret_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth client-secret commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__help_commands] )) ||
_treevu__subcmd__auth__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__llm-key_commands] )) ||
_treevu__subcmd__auth__subcmd__llm-key_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth llm-key commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__logout_commands] )) ||
_treevu__subcmd__auth__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth logout commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__status_commands] )) ||
_treevu__subcmd__auth__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__token_commands] )) ||
_treevu__subcmd__auth__subcmd__token_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth token commands' commands "$@"
}
(( $+functions[_treevu__subcmd__backtest_commands] )) ||
_treevu__subcmd__backtest_commands() {
    local commands; commands=()
    _describe -t commands 'treevu backtest commands' commands "$@"
}
(( $+functions[_treevu__subcmd__completions_commands] )) ||
_treevu__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'treevu completions commands' commands "$@"
}
(( $+functions[_treevu__subcmd__connect_commands] )) ||
_treevu__subcmd__connect_commands() {
    local commands; commands=()
    _describe -t commands 'treevu connect commands' commands "$@"
}
(( $+functions[_treevu__subcmd__conversations_commands] )) ||
_treevu__subcmd__conversations_commands() {
    local commands; commands=()
    _describe -t commands 'treevu conversations commands' commands "$@"
}
(( $+functions[_treevu__subcmd__crosslist_commands] )) ||
_treevu__subcmd__crosslist_commands() {
    local commands; commands=()
    _describe -t commands 'treevu crosslist commands' commands "$@"
}
(( $+functions[_treevu__subcmd__demo_commands] )) ||
_treevu__subcmd__demo_commands() {
    local commands; commands=()
    _describe -t commands 'treevu demo commands' commands "$@"
}
(( $+functions[_treevu__subcmd__estimate_commands] )) ||
_treevu__subcmd__estimate_commands() {
    local commands; commands=()
    _describe -t commands 'treevu estimate commands' commands "$@"
}
(( $+functions[_treevu__subcmd__forecast_commands] )) ||
_treevu__subcmd__forecast_commands() {
    local commands; commands=()
    _describe -t commands 'treevu forecast commands' commands "$@"
}
(( $+functions[_treevu__subcmd__generate-docs_commands] )) ||
_treevu__subcmd__generate-docs_commands() {
    local commands; commands=()
    _describe -t commands 'treevu generate-docs commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help_commands] )) ||
_treevu__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__leads_commands] )) ||
_treevu__subcmd__leads_commands() {
    local commands; commands=()
    _describe -t commands 'treevu leads commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing_commands] )) ||
_treevu__subcmd__listing_commands() {
    local commands; commands=(
'update:Cambia el precio, título, descripción o estado de un anuncio en su marketplace (PUT)' \
'create:Publica un anuncio nuevo desde un archivo JSON con la forma del marketplace (POST)' \
'remove:Retira un anuncio (DELETE en OLX; estado '\''removed'\'' en Inmuebles24 y Autofact)' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu listing commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__create_commands] )) ||
_treevu__subcmd__listing__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing create commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__help_commands] )) ||
_treevu__subcmd__listing__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__remove_commands] )) ||
_treevu__subcmd__listing__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing remove commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__update_commands] )) ||
_treevu__subcmd__listing__subcmd__update_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing update commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listings_commands] )) ||
_treevu__subcmd__listings_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listings commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market_commands] )) ||
_treevu__subcmd__market_commands() {
    local commands; commands=(
'import:Carga comparables de mercado desde un archivo CSV (idempotente por id\: una reimportación actualiza)' \
'analyze:Compara un anuncio sincronizado con su mercado\: precio mediano y medio, precio por m², posición, tendencia, comparables' \
'facts:Regenera las cifras de mercado incorporadas (agregados, nunca filas) a partir de archivos de mercado' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu market commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__analyze_commands] )) ||
_treevu__subcmd__market__subcmd__analyze_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market analyze commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__facts_commands] )) ||
_treevu__subcmd__market__subcmd__facts_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market facts commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__help_commands] )) ||
_treevu__subcmd__market__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__import_commands] )) ||
_treevu__subcmd__market__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market import commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants_commands] )) ||
_treevu__subcmd__merchants_commands() {
    local commands; commands=(
'list:Cada comerciante\: cuentas, última sincronización, creación' \
'add:Agrega un comerciante (un nombre como los de perfil\: letras, dígitos, - y _)' \
'remove:Elimina un comerciante y todos sus datos, tras confirmación' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu merchants commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__add_commands] )) ||
_treevu__subcmd__merchants__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants add commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__help_commands] )) ||
_treevu__subcmd__merchants__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__list_commands] )) ||
_treevu__subcmd__merchants__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants list commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__remove_commands] )) ||
_treevu__subcmd__merchants__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants remove commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator_commands] )) ||
_treevu__subcmd__operator_commands() {
    local commands; commands=(
'status:Cada cuenta de cada comerciante\: pendiente, en curso, en espera, con fallas o por reconectar; última ejecución, último error y presupuesto usado esta hora' \
'rotate-key:Vuelve a cifrar los secretos de cada comerciante con una nueva clave de operador, en una sola transacción' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu operator commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__help_commands] )) ||
_treevu__subcmd__operator__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu operator help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__rotate-key_commands] )) ||
_treevu__subcmd__operator__subcmd__rotate-key_commands() {
    local commands; commands=()
    _describe -t commands 'treevu operator rotate-key commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__status_commands] )) ||
_treevu__subcmd__operator__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu operator status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__profiles_commands] )) ||
_treevu__subcmd__profiles_commands() {
    local commands; commands=()
    _describe -t commands 'treevu profiles commands' commands "$@"
}
(( $+functions[_treevu__subcmd__readiness_commands] )) ||
_treevu__subcmd__readiness_commands() {
    local commands; commands=()
    _describe -t commands 'treevu readiness commands' commands "$@"
}
(( $+functions[_treevu__subcmd__recommend_commands] )) ||
_treevu__subcmd__recommend_commands() {
    local commands; commands=()
    _describe -t commands 'treevu recommend commands' commands "$@"
}
(( $+functions[_treevu__subcmd__report_commands] )) ||
_treevu__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'treevu report commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sandbox_commands] )) ||
_treevu__subcmd__sandbox_commands() {
    local commands; commands=(
'serve:Sirve OLX, Inmuebles24 y Autofact en 127.0.0.1 hasta Ctrl-C' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu sandbox commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sandbox__subcmd__help_commands] )) ||
_treevu__subcmd__sandbox__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sandbox help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sandbox__subcmd__serve_commands] )) ||
_treevu__subcmd__sandbox__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sandbox serve commands' commands "$@"
}
(( $+functions[_treevu__subcmd__schedule_commands] )) ||
_treevu__subcmd__schedule_commands() {
    local commands; commands=()
    _describe -t commands 'treevu schedule commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sync_commands] )) ||
_treevu__subcmd__sync_commands() {
    local commands; commands=(
'status:Por cuenta\: la última ejecución, su resultado y cifras, el cupo restante y cuándo toca la siguiente' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu sync commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sync__subcmd__help_commands] )) ||
_treevu__subcmd__sync__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sync help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sync__subcmd__status_commands] )) ||
_treevu__subcmd__sync__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sync status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins_commands] )) ||
_treevu__subcmd__twins_commands() {
    local commands; commands=(
'link:Vincula dos anuncios como un solo artículo (la detección no los vio, o usted lo sabe mejor)' \
'unlink:Desvincula dos anuncios que no son un mismo artículo; la detección no los volverá a vincular' \
'policy:Muestra o fija qué hace una sincronización cuando se vende un gemelo\: off, ask (imprime los comandos) o auto' \
'help:Muestra este mensaje o la ayuda de los subcomandos dados' \
    )
    _describe -t commands 'treevu twins commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__help_commands] )) ||
_treevu__subcmd__twins__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__link_commands] )) ||
_treevu__subcmd__twins__subcmd__link_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins link commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__policy_commands] )) ||
_treevu__subcmd__twins__subcmd__policy_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins policy commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__unlink_commands] )) ||
_treevu__subcmd__twins__subcmd__unlink_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins unlink commands' commands "$@"
}
(( $+functions[_treevu__subcmd__valuation_commands] )) ||
_treevu__subcmd__valuation_commands() {
    local commands; commands=()
    _describe -t commands 'treevu valuation commands' commands "$@"
}
(( $+functions[_treevu__subcmd__watch_commands] )) ||
_treevu__subcmd__watch_commands() {
    local commands; commands=()
    _describe -t commands 'treevu watch commands' commands "$@"
}
(( $+functions[_treevu__subcmd__worker_commands] )) ||
_treevu__subcmd__worker_commands() {
    local commands; commands=()
    _describe -t commands 'treevu worker commands' commands "$@"
}

if [ "$funcstack[1]" = "_treevu" ]; then
    _treevu "$@"
else
    compdef _treevu treevu
fi

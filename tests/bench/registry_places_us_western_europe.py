"""Cities of the registry corpus's sites, part 1 of PLACES (United States to United Kingdom).

The format is described in registry_places.py; the parts are joined in their order there (the
order fixes the random draws of the sites).
"""
from __future__ import annotations

PLACES_US_WESTERN_EUROPE = """
@United States|33|1|#####|1.0|us
New York;New York;40.71427;-74.00597;100
Boston;Massachusetts;42.35843;-71.05977;021
Houston;Texas;29.76328;-95.36327;770
Chicago;Illinois;41.85003;-87.65005;606
Los Angeles;California;34.05223;-118.24368;900
Philadelphia;Pennsylvania;39.95233;-75.16379;191
Baltimore;Maryland;39.29038;-76.61219;212
Seattle;Washington;47.60621;-122.33207;981
San Francisco;California;37.77493;-122.41942;941
Atlanta;Georgia;33.749;-84.38798;303
Nashville;Tennessee;36.16589;-86.78444;372
Pittsburgh;Pennsylvania;40.44062;-79.99589;152
Cleveland;Ohio;41.4995;-81.69541;441
Rochester;Minnesota;44.02163;-92.4699;559
Dallas;Texas;32.78306;-96.80667;752
Durham;North Carolina;35.99403;-78.89862;277
Ann Arbor;Michigan;42.27756;-83.74088;481
Saint Louis;Missouri;38.62727;-90.19789;631
Aurora;Colorado;39.72943;-104.83192;800
Miami;Florida;25.77427;-80.19366;331
San Diego;California;32.71571;-117.16472;921
Bethesda;Maryland;38.98067;-77.10026;208
Stanford;California;37.42411;-122.16608;943
Minneapolis;Minnesota;44.97997;-93.26384;554
Salt Lake City;Utah;40.76078;-111.89105;841
Portland;Oregon;45.52345;-122.67621;972
Chapel Hill;North Carolina;35.9132;-79.05584;275
New Haven;Connecticut;41.30815;-72.92816;065
Tampa;Florida;27.94752;-82.45843;336
Columbus;Ohio;39.96118;-83.00064;432
Cincinnati;Ohio;39.12711;-84.51439;452
Indianapolis;Indiana;39.76838;-86.15804;462
Milwaukee;Wisconsin;43.0389;-87.90647;532
Madison;Wisconsin;43.07305;-89.40123;537
Iowa City;Iowa;41.66113;-91.53017;522
Omaha;Nebraska;41.25626;-95.94043;681
Birmingham;Alabama;33.52066;-86.80249;352
New Orleans;Louisiana;29.95465;-90.07507;701
Little Rock;Arkansas;34.74648;-92.28959;722
Oklahoma City;Oklahoma;35.46756;-97.51643;731
Albuquerque;New Mexico;35.08449;-106.65114;871
Las Vegas;Nevada;36.17497;-115.13722;891
Honolulu;Hawaii;21.30694;-157.85833;968
Charleston;South Carolina;32.77657;-79.93092;294
Richmond;Virginia;37.55376;-77.46026;232
Charlottesville;Virginia;38.02931;-78.47668;229
Washington;District of Columbia;38.89511;-77.03637;200
Lexington;Kentucky;37.98869;-84.47772;405
Louisville;Kentucky;38.25424;-85.75941;402
Memphis;Tennessee;35.14953;-90.04898;381
Hershey;Pennsylvania;40.28592;-76.65025;170
Buffalo;New York;42.88645;-78.87837;142
Bronx;New York;40.84985;-73.86641;104
Brooklyn;New York;40.6501;-73.94958;112
Hackensack;New Jersey;40.88593;-74.04347;076
New Brunswick;New Jersey;40.48622;-74.45182;089
Burlington;Vermont;44.47588;-73.21207;054
Lebanon;New Hampshire;43.64229;-72.25176;037
Worcester;Massachusetts;42.26259;-71.80229;016
Austin;Texas;30.26715;-97.74306;787
San Antonio;Texas;29.42412;-98.49363;782
Fort Worth;Texas;32.72541;-97.32085;761
Phoenix;Arizona;33.44838;-112.07404;850
Tucson;Arizona;32.22174;-110.92648;857
Scottsdale;Arizona;33.50921;-111.89903;852
Orlando;Florida;28.53834;-81.37924;328
Jacksonville;Florida;30.33218;-81.65565;322
Gainesville;Florida;29.65163;-82.32483;326
Charlotte;North Carolina;35.22709;-80.84313;282
Detroit;Michigan;42.33143;-83.04575;482
Kansas City;Kansas;39.11417;-94.62746;661
Sacramento;California;38.58157;-121.4944;958
Irvine;California;33.66946;-117.82311;926
Duarte;California;34.13945;-117.97729;910
Providence;Rhode Island;41.82399;-71.41283;029
Boise;Idaho;43.6135;-116.20345;837
Spokane;Washington;47.65966;-117.42908;992
Anchorage;Alaska;61.21806;-149.90028;995
Fargo;North Dakota;46.87719;-96.7898;581
Sioux Falls;South Dakota;43.54997;-96.70033;571
Morgantown;West Virginia;39.62953;-79.9559;265
Jackson;Mississippi;32.29876;-90.18481;392
Portland;Maine;43.66147;-70.25533;041
Wilmington;Delaware;39.74595;-75.54659;198
Cheyenne;Wyoming;41.13998;-104.82025;820
Billings;Montana;45.78329;-108.50069;591
@France|6|33|#####|0.2|fr
Paris;Île-de-France;48.85341;2.3488;750
Lyon;Auvergne-Rhône-Alpes;45.74846;4.84671;690
Marseille;Provence-Alpes-Côte d'Azur;43.29695;5.38107;130
Toulouse;Occitanie;43.60426;1.44367;310
Bordeaux;Nouvelle-Aquitaine;44.84044;-0.5805;330
Lille;Hauts-de-France;50.63297;3.05858;590
Nantes;Pays de la Loire;47.21725;-1.55336;440
Strasbourg;Grand Est;48.58392;7.74553;670
Montpellier;Occitanie;43.61092;3.87723;340
Nice;Provence-Alpes-Côte d'Azur;43.70313;7.26608;060
Rennes;Bretagne;48.11198;-1.67429;350
Grenoble;Auvergne-Rhône-Alpes;45.16667;5.71667;380
Besançon;Bourgogne-Franche-Comté;47.24878;6.01815;250
Créteil;Île-de-France;48.79266;2.46569;940
Villejuif;Île-de-France;48.7919;2.36857;948
Clermont-Ferrand;Auvergne-Rhône-Alpes;45.77969;3.08682;630
Dijon;Bourgogne-Franche-Comté;47.31667;5.01667;210
Angers;Pays de la Loire;47.47156;-0.55202;490
Tours;Centre-Val de Loire;47.39484;0.70398;370
Nancy;Grand Est;48.68439;6.18496;540
@Germany|5|49|#####|0.3|de
Berlin;Berlin;52.52437;13.41053;101
München;Bayern;48.13743;11.57549;813
Hamburg;Hamburg;53.57532;10.01534;202
Heidelberg;Baden-Württemberg;49.40768;8.69079;691
Frankfurt am Main;Hessen;50.11552;8.68417;605
Köln;Nordrhein-Westfalen;50.93333;6.95;509
Düsseldorf;Nordrhein-Westfalen;51.22172;6.77616;402
Dresden;Sachsen;51.05089;13.73832;013
Leipzig;Sachsen;51.33962;12.37129;041
Freiburg;Baden-Württemberg;47.9959;7.85222;791
Tübingen;Baden-Württemberg;48.52266;9.05222;720
Essen;Nordrhein-Westfalen;51.45657;7.01228;451
Hannover;Niedersachsen;52.37052;9.73322;306
Mainz;Rheinland-Pfalz;49.98419;8.2791;551
Würzburg;Bayern;49.79391;9.95121;970
Erlangen;Bayern;49.59099;11.00783;910
Ulm;Baden-Württemberg;48.39841;9.99155;890
Münster;Nordrhein-Westfalen;51.96236;7.62571;481
@Spain|4.5|34|#####|0.3|es
Madrid;Madrid;40.4165;-3.70256;280
Barcelona;Barcelona;41.38879;2.15899;080
Valencia;Valencia;39.46975;-0.37739;460
Sevilla;Andalucía;37.38283;-5.97317;410
Málaga;Andalucía;36.72016;-4.42034;290
Santander;Cantabria;43.46472;-3.80444;390
Pamplona;Navarra;42.81687;-1.64323;316
Salamanca;Castilla y León;40.96882;-5.66388;370
A Coruña;Galicia;43.37135;-8.396;150
Bilbao;País Vasco;43.26271;-2.92528;480
Zaragoza;Aragón;41.65606;-0.87734;500
Palma de Mallorca;Illes Balears;39.56939;2.65024;071
L'Hospitalet de Llobregat;Barcelona;41.35967;2.10028;089
Badalona;Barcelona;41.45004;2.24741;089
Santiago de Compostela;Galicia;42.88052;-8.54569;157
@Italy|4.5|39|#####|0.4|it
Milano;Lombardia;45.46427;9.18951;201
Roma;Lazio;41.89193;12.51133;001
Napoli;Campania;40.85216;14.26811;801
Torino;Piemonte;45.07049;7.68682;101
Bologna;Emilia-Romagna;44.49381;11.33875;401
Firenze;Toscana;43.77925;11.24626;501
Padova;Veneto;45.40797;11.88586;351
Genova;Liguria;44.40478;8.93386;161
Pisa;Toscana;43.70853;10.4036;561
Verona;Veneto;45.4299;10.98444;371
Rozzano;Lombardia;45.38193;9.1559;200
Bari;Puglia;41.12066;16.86982;701
Palermo;Sicilia;38.13205;13.33561;901
Monza;Lombardia;45.58005;9.27246;209
Siena;Toscana;43.32004;11.33283;531
Ancona;Marche;43.5942;13.50337;601
Perugia;Umbria;43.1122;12.38878;061
@United Kingdom|3.5|44|@@# #@@|0.3|en
London;England;51.50853;-0.12574;SE1
Manchester;England;53.48095;-2.23743;M13
Birmingham;England;52.48142;-1.89983;B15
Oxford;England;51.75222;-1.25596;OX3
Cambridge;England;52.2;0.11667;CB2
Leeds;England;53.79648;-1.54785;LS9
Glasgow;Scotland;55.86515;-4.25763;G12
Edinburgh;Scotland;55.95206;-3.19648;EH16
Newcastle upon Tyne;England;54.97328;-1.61396;NE7
Bristol;England;51.45523;-2.59665;BS2
Sheffield;England;53.38297;-1.4659;S10
Liverpool;England;53.41058;-2.97794;L7
Nottingham;England;52.9536;-1.15047;NG7
Southampton;England;50.90395;-1.40428;SO16
Cardiff;Wales;51.48;-3.18;CF14
Belfast;Northern Ireland;54.59682;-5.92541;BT9
Leicester;England;52.6386;-1.13169;LE1
"""

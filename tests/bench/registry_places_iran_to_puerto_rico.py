"""Cities of the registry corpus's sites, part 3 of PLACES (Iran to Puerto Rico).

The format is described in registry_places.py; the parts are joined in their order there (the
order fixes the random draws of the sites).
"""
from __future__ import annotations

PLACES_IRAN_TO_PUERTO_RICO = """
@Iran, Islamic Republic of|1.2|98|##########|0.3|en
Tehran;Tehran;35.69439;51.42151;1
Shiraz;Fars;29.61031;52.53113;71
Isfahan;Isfahan;32.65246;51.67462;81
Mashhad;Razavi Khorasan;36.29807;59.60567;91
Tabriz;East Azerbaijan;38.08;46.2919;51
@India|1.2|91|######|0.7|en
New Delhi;Delhi;28.63576;77.22445;110
Mumbai;Maharashtra;19.07283;72.88261;400
Bangalore;Karnataka;12.97194;77.59369;560
Chennai;Tamil Nadu;13.08784;80.27847;600
Hyderabad;Telangana;17.38405;78.45636;500
Kolkata;West Bengal;22.56263;88.36304;700
Pune;Maharashtra;18.51957;73.85535;411
Ahmedabad;Gujarat;23.02579;72.58727;380
Lucknow;Uttar Pradesh;26.83928;80.92313;226
Chandigarh;Chandigarh;30.73629;76.7884;160
Vellore;Tamil Nadu;12.9184;79.13255;632
Jaipur;Rajasthan;26.91962;75.78781;302
@Pakistan|1.2|92|#####|0.2|en
Karachi;Sindh;24.8608;67.0104;74
Lahore;Punjab;31.558;74.35071;54
Islamabad;Islamabad Capital Territory;33.72148;73.04329;44
Rawalpindi;Punjab;33.59733;73.0479;46
Peshawar;Khyber Pakhtunkhwa;34.008;71.57849;25
Multan;Punjab;30.19679;71.47824;60
@Taiwan|1.2|886|###|0.2|cn
Taipei;Taipei;25.04776;121.53185;10
Taichung;Taichung;24.1469;120.6839;40
Kaohsiung;Kaohsiung;22.61626;120.31333;8
Tainan;Tainan;22.99083;120.21333;70
Taoyuan;Taoyuan;24.99368;121.29696;33
New Taipei City;New Taipei;25.06199;121.45703;23
@Mexico|1|52|#####|0.6|es
Ciudad de México;Ciudad de México;19.42847;-99.12766;0
Guadalajara;Jalisco;20.66682;-103.39182;44
Monterrey;Nuevo León;25.67507;-100.31847;64
Puebla;Puebla;19.03793;-98.20346;72
Mérida;Yucatán;20.97537;-89.61696;97
Chihuahua;Chihuahua;28.63528;-106.08889;31
San Luis Potosí;San Luis Potosí;22.14982;-100.97916;78
@Argentina|1|54|@####@@@|0.5|es
Buenos Aires;Buenos Aires;-34.61315;-58.37723;C1
Córdoba;Córdoba;-31.4135;-64.18105;X5
Rosario;Santa Fe;-32.94682;-60.63932;S2
Mendoza;Mendoza;-32.89084;-68.82717;M5
La Plata;Buenos Aires;-34.92145;-57.95453;B19
@Chile|0.4|56|#######|0.3|es
Santiago;Región Metropolitana;-33.45694;-70.64827;83
Temuco;Araucanía;-38.73965;-72.59842;47
Viña del Mar;Valparaíso;-33.02457;-71.55183;25
@Colombia|0.4|57|######|0.4|es
Bogotá;Cundinamarca;4.60971;-74.08175;11
Medellín;Antioquia;6.25184;-75.56359;05
Cali;Valle del Cauca;3.43722;-76.5225;76
Barranquilla;Atlántico;10.96854;-74.78132;08
@Peru|0.3|51|#####|0.3|es
Lima;Lima;-12.04318;-77.02824;15
Arequipa;Arequipa;-16.39889;-71.535;04
@South Africa|0.8|27|####|0.5|en
Johannesburg;Gauteng;-26.20227;28.04363;2
Cape Town;Western Cape;-33.92584;18.42322;79
Durban;KwaZulu-Natal;-29.8579;31.0292;40
Pretoria;Gauteng;-25.74486;28.18783;00
Soweto;Gauteng;-26.26781;27.85849;18
@Kenya|0.3|254|#####|0.2|en
Nairobi;Nairobi;-1.28333;36.81667;00
Kisumu;Kisumu;-0.10221;34.76171;40
@Uganda|0.3|256|#####|0.1|en
Kampala;Central Region;0.31628;32.58219;0
@Nigeria|0.3|234|######|0.3|en
Lagos;Lagos;6.45407;3.39467;10
Ibadan;Oyo;7.37756;3.90591;20
Abuja;Federal Capital Territory;9.05785;7.49508;90
@Malawi|0.2|265|####|0|en
Blantyre;Southern Region;-15.78499;35.00854;3
Lilongwe;Central Region;-13.96692;33.78725;2
@Saudi Arabia|0.6|966|#####|0.3|en
Riyadh;Riyadh Region;24.68773;46.72185;1
Jeddah;Makkah Region;21.49012;39.18624;2
Dammam;Eastern Province;26.43442;50.10326;3
@Thailand|0.6|66|#####|0.3|en
Bangkok;Bangkok;13.75398;100.50144;10
Chiang Mai;Chiang Mai;18.79038;98.98468;50
Khon Kaen;Khon Kaen;16.44671;102.833;40
@Singapore|0.5|65|######|0|en
Singapore;;1.28967;103.85007;1
@Malaysia|0.5|60|#####|0.4|en
Kuala Lumpur;Wilayah Persekutuan;3.1412;101.68653;50
George Town;Pulau Pinang;5.41123;100.33543;10
Kota Bharu;Kelantan;6.13328;102.2386;15
@Vietnam|0.3|84|######|0.2|en
Hanoi;Hà Nội;21.0245;105.84117;10
Ho Chi Minh City;Hồ Chí Minh;10.82302;106.62965;70
@Philippines|0.3|63|####|0.2|en
Manila;National Capital Region;14.6042;120.9822;10
Quezon City;National Capital Region;14.6488;121.0509;11
Cebu City;Central Visayas;10.31672;123.89071;60
@Hong Kong|0.6|852||0|en
Hong Kong;;22.27832;114.17469;
Shatin;;22.38333;114.18333;
@Portugal|0.5|351|####-###|0.2|pt
Lisboa;Lisboa;38.71667;-9.13333;1
Porto;Porto;41.14961;-8.61099;4
Coimbra;Coimbra;40.20564;-8.41955;30
@Ireland|0.4|353|@## @@##|0.3|en
Dublin;Dublin;53.33306;-6.24889;D0
Cork;Cork;51.89797;-8.47061;T12
Galway;Galway;53.27245;-9.05095;H91
@Romania|0.6|40|######|0.3|pl
București;București;44.43225;26.10626;0
Cluj-Napoca;Cluj;46.76667;23.6;400
Iași;Iași;47.16667;27.6;700
Timișoara;Timiș;45.75372;21.22571;300
@Bulgaria|0.6|359|####|0.1|pl
Sofia;Sofia City;42.69751;23.32415;1
Plovdiv;Plovdiv;42.15;24.75;40
Varna;Varna;43.21667;27.91667;90
@Serbia|0.3|381|#####|0|pl
Belgrade;;44.80401;20.46513;11
Novi Sad;;45.25167;19.83694;21
@Ukraine|0.5|380|#####|0.3|pl
Kyiv;Kyiv City;50.45466;30.5238;0
Kharkiv;Kharkivska Oblast;49.98081;36.25272;61
Lviv;Lvivska Oblast;49.83826;24.02324;79
Dnipro;Dnipropetrovska Oblast;48.4593;35.03865;49
@Russian Federation|0.8|7|######|0.1|pl
Moscow;;55.75222;37.61556;1
Saint Petersburg;;59.93863;30.31413;19
Kazan;;55.78874;49.12214;420
Novosibirsk;;55.0415;82.9346;630
Yekaterinburg;;56.8519;60.6122;620
@Slovakia|0.3|421|### ##|0|pl
Bratislava;;48.14816;17.10674;8
Košice;;48.71395;21.25808;04
@Croatia|0.2|385|#####|0|pl
Zagreb;;45.81444;15.97798;10
Split;;43.50891;16.43915;21
@Lithuania|0.2|370|LT-#####|0|pl
Vilnius;;54.68916;25.2798;LT-0
Kaunas;;54.90272;23.90961;LT-5
@Estonia|0.2|372|#####|0|pl
Tallinn;;59.43696;24.75353;1
Tartu;;58.38062;26.72509;5
@Latvia|0.2|371|LV-####|0|pl
Riga;;56.946;24.10589;LV-10
@Georgia|0.2|995|####|0|en
Tbilisi;;41.69411;44.83368;01
@Lebanon|0.3|961||0|en
Beirut;;33.89332;35.50157;
@Jordan|0.2|962|#####|0|en
Amman;;31.95522;35.94503;11
@Tunisia|0.3|216|####|0|fr
Tunis;;36.81897;10.16579;10
Sfax;;34.74056;10.76028;30
@Morocco|0.2|212|#####|0|fr
Casablanca;;33.58831;-7.61138;20
Rabat;;34.01325;-6.83255;10
@New Zealand|0.3|64|####|0.2|en
Auckland;Auckland;-36.84853;174.76349;10
Wellington;Wellington;-41.28664;174.77557;60
Christchurch;Canterbury;-43.53333;172.63333;80
@Puerto Rico|0.2|1|00###|0.1|us
San Juan;;18.46633;-66.10572;009
Ponce;;18.01108;-66.61406;007
"""
